import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, ErrorCode, Role, type StatisticsSummary } from '@mediation/shared';
import { hashApiKey, newApiKeySecret } from '../../server/src/organisation/api-key-secret.js';
import type { CommitteeRecord, RegionRecord } from '../../server/src/store/records.js';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';
import { StatisticsFixture } from '../support/statistics-fixture.js';

let service: TestService;
let fixture: StatisticsFixture;
const cookies: Record<'staff' | 'admin' | 'mediator', string> = { staff: '', admin: '', mediator: '' };
let demoCommittee: CommitteeRecord;
let demoCity: RegionRecord;
let participantToken: string;

const AUDIT = { at: '2025-01-01T00:00:00.000Z', type: 'test.setup', actorId: 't', actorName: 't', ip: '', device: '', regionPath: '/region-root/', committeeId: null, data: {} };
/** A city beside the demo one, with a committee whose name a spreadsheet would run as a formula. */
const OTHER_CITY: RegionRecord = { id: 'other-city', parentId: 'region-root', level: 'city', name: '另一市 Other City', code: '', path: '/region-root/other-city/', createdAt: AUDIT.at };
const OTHER_COMMITTEE: CommitteeRecord = {
  id: 'other-committee',
  name: '=HYPERLINK("http://x"),委员会',
  kind: 'tourism',
  regionId: OTHER_CITY.id,
  regionPath: OTHER_CITY.path,
  createdAt: AUDIT.at,
};
const YEAR = 'from=2025-01&to=2026-01';

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_MEDIATOR.password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const get = (query: string, headers: Record<string, string> = {}, path = '/api/statistics') => fetch(`${service.url}${path}?${query}`, { headers });
const statisticsAs = async (who: keyof typeof cookies, query = YEAR): Promise<StatisticsSummary> => {
  const response = await get(query, { cookie: cookies[who] });
  expect(response.status).toBe(200);
  return (await response.json()) as StatisticsSummary;
};
const refusal = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { code: string }).code });

beforeAll(async () => {
  service = await startTestService();
  const mediator = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
  demoCommittee = (await service.store.findCommittee(mediator.committeeId!))!;
  const county = (await service.store.findRegion(demoCommittee.regionId))!;
  demoCity = (await service.store.findRegion(county.parentId!))!;
  await service.store.createRegion(OTHER_CITY, AUDIT);
  await service.store.createCommittee(OTHER_COMMITTEE, AUDIT);
  fixture = new StatisticsFixture(service.dataDir);
  // The demo committee: two cases in 2025, one settled in 9 days with its agreement; one in 2024.
  fixture.addCase({ id: 'd1', committeeId: demoCommittee.id, category: 'family', createdAt: '2025-03-03T02:00:00.000Z', status: 'settled', closedAt: '2025-03-12T02:00:00.000Z' }, mediator.id);
  fixture.addCase({ id: 'd2', committeeId: demoCommittee.id, category: 'labour', createdAt: '2025-05-05T02:00:00.000Z', status: 'scheduled' }, mediator.id);
  fixture.addCase({ id: 'd3', committeeId: demoCommittee.id, category: 'labour', createdAt: '2024-05-05T02:00:00.000Z' }, mediator.id);
  fixture.issueAgreement('d1', '2025-03-12T02:00:00.000Z');
  fixture.holdSession('d1', '2025-03-10T02:00:00.000Z');
  // The other committee: one case in 2025, not settled.
  fixture.addCase({ id: 'o1', committeeId: OTHER_COMMITTEE.id, category: 'tourism', createdAt: '2025-07-01T02:00:00.000Z', status: 'not-settled', closedAt: '2025-07-02T02:00:00.000Z' }, mediator.id);
  cookies.staff = await signIn(TEST_MEDIATOR.email.replace('mediator@', 'staff@'));
  cookies.admin = await signIn(TEST_MEDIATOR.email.replace('mediator@', 'admin@'));
  cookies.mediator = await signIn(TEST_MEDIATOR.email);
  participantToken = tokenOf(linkOf(await createTestCase(service), Role.applicant).url);
});

afterAll(async () => {
  fixture.close();
  await service.stop();
});

describe('the statistics API', () => {
  it('committee staff get their committee’s figures', async () => {
    const summary = await statisticsAs('staff');
    expect(summary.place).toEqual({ kind: 'committee', id: demoCommittee.id, name: demoCommittee.name });
    expect([summary.cases, summary.settled, summary.notSettled, summary.agreementsIssued, summary.sessionsHeld]).toEqual([2, 1, 0, 1, 1]);
    expect(summary.settlementRate).toBe(1);
    expect(summary.medianDaysToSettlement).toBe(9);
    expect(summary.byMonth).toHaveLength(12);
  });

  it('a case the mediator opens and closes on the desk is counted at once, in this month of China Standard Time', async () => {
    const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const range = `from=${thisMonth}&to=${addMonths(thisMonth, 1)}`;
    const before = await statisticsAs('staff', range);
    const created = await createTestCase(service);
    const closed = await fetch(`${service.url}/api/cases/${created.caseId}/outcome`, {
      method: 'POST',
      headers: { cookie: cookies.mediator, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'not-settled', note: 'The parties did not agree on the amount.' }),
    });
    expect(closed.status).toBe(200);
    const after = await statisticsAs('staff', range);
    expect([after.cases - before.cases, after.notSettled - before.notSettled, after.settled - before.settled]).toEqual([1, 1, 0]);
  });

  it('an administrator gets their province rolled up, broken down by city', async () => {
    const summary = await statisticsAs('admin');
    expect(summary.place).toMatchObject({ kind: 'region', id: 'region-root' });
    expect([summary.cases, summary.settled, summary.notSettled]).toEqual([3, 1, 1]);
    expect(summary.settlementRate).toBe(0.5);
    // By name: 另一市 before 示范市.
    expect(summary.byRegion.map((r) => [r.id, r.cases, r.settled, r.notSettled])).toEqual([
      [OTHER_CITY.id, 1, 0, 1],
      [demoCity.id, 2, 1, 0],
    ]);
  });

  it('an administrator narrows to a committee or a region within reach', async () => {
    const committee = await statisticsAs('admin', `${YEAR}&committeeId=${OTHER_COMMITTEE.id}`);
    expect(committee.place).toEqual({ kind: 'committee', id: OTHER_COMMITTEE.id, name: OTHER_COMMITTEE.name });
    expect([committee.cases, committee.notSettled]).toEqual([1, 1]);
    const region = await statisticsAs('admin', `${YEAR}&regionId=${OTHER_CITY.id}`);
    expect(region.byCommittee.map((c) => [c.id, c.cases])).toEqual([[OTHER_COMMITTEE.id, 1]]);
  });

  it('a platform’s API key gets everything below its region', async () => {
    const key = newApiKeySecret();
    const admin = (await service.store.findAccountByEmail(TEST_MEDIATOR.email.replace('mediator@', 'admin@')))!;
    await service.store.createApiKey(
      { id: 'key-1', name: 'Platform', regionId: OTHER_CITY.id, regionPath: OTHER_CITY.path, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 10), createdBy: admin.id, createdAt: AUDIT.at, revokedAt: null, lastUsedAt: null },
      AUDIT,
    );
    const response = await get(YEAR, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as StatisticsSummary;
    expect(summary.place).toEqual({ kind: 'region', id: OTHER_CITY.id, name: OTHER_CITY.name });
    expect(summary.cases).toBe(1);
    expect(await refusal(await get(`${YEAR}&committeeId=${demoCommittee.id}`, { authorization: `Bearer ${key}` }))).toEqual({ status: 404, code: ErrorCode.notFound });
  });

  it('narrowing to a place outside one’s reach, or to none, is NOT_FOUND', async () => {
    for (const narrowing of [`committeeId=${OTHER_COMMITTEE.id}`, `regionId=${OTHER_CITY.id}`, 'committeeId=nobody']) {
      expect(await refusal(await get(`${YEAR}&${narrowing}`, { cookie: cookies.staff }))).toEqual({ status: 404, code: ErrorCode.notFound });
    }
    expect(await refusal(await get(`${YEAR}&regionId=nowhere`, { cookie: cookies.admin }))).toEqual({ status: 404, code: ErrorCode.notFound });
  });

  it('a mediator is FORBIDDEN, whatever place they name', async () => {
    for (const query of [YEAR, `${YEAR}&committeeId=nobody`]) {
      expect(await refusal(await get(query, { cookie: cookies.mediator }))).toEqual({ status: 403, code: ErrorCode.forbidden });
    }
  });

  it('nobody signed in, or a party with their join link, is UNAUTHENTICATED', async () => {
    expect(await refusal(await get(YEAR))).toEqual({ status: 401, code: ErrorCode.unauthenticated });
    expect(await refusal(await get(YEAR, { authorization: `Bearer ${participantToken}` }))).toEqual({ status: 401, code: ErrorCode.unauthenticated });
    expect(await refusal(await get(`${YEAR}&chart=summary`, {}, '/api/statistics.csv'))).toEqual({ status: 401, code: ErrorCode.unauthenticated });
  });

  it('a range that is not whole months, ends before it starts, spans more than ten years or is missing is VALIDATION_FAILED', async () => {
    for (const query of ['from=2025-01-01&to=2026-01-01', 'from=2025-13&to=2026-01', 'from=2025-06&to=2025-06', 'from=2026-01&to=2025-01', 'from=2010-01&to=2020-02', 'to=2026-01', `${YEAR}&committeeId=a&regionId=b`]) {
      const answer = await refusal(await get(query, { cookie: cookies.admin }));
      expect(answer, query).toEqual({ status: 400, code: ErrorCode.validationFailed });
    }
    expect(await refusal(await get(`${YEAR}&chart=pie`, { cookie: cookies.admin }, '/api/statistics.csv'))).toEqual({ status: 400, code: ErrorCode.validationFailed });
  });

  it('a chart downloads as CSV with a byte order mark, a header row, quoting and no formulas', async () => {
    const response = await get(`${YEAR}&regionId=${OTHER_CITY.id}&chart=byCommittee&language=zh-CN`, { cookie: cookies.admin }, '/api/statistics.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statistics-byCommittee-2025-01-2026-01.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
      '\uFEFF调解委员会,受理案件数,调解成功,调解不成功,调解成功率（%）,出具调解协议书,在线调解场次\r\n' +
        `"'=HYPERLINK(""http://x""),委员会",1,0,1,0,0,0\r\n`,
    );
  });

  it('the summary and category CSVs carry the figures with their labels in the language asked for', async () => {
    const summary = await (await get(`${YEAR}&chart=summary&language=en`, { cookie: cookies.staff }, '/api/statistics.csv')).text();
    expect(summary).toContain('Figure,Value\r\n');
    expect(summary).toContain('Settlement rate (%),100\r\n');
    expect(summary).toContain('Median days from intake to settlement,9\r\n');
    // text() drops the byte order mark.
    const categories = await (await get(`${YEAR}&chart=byCategory`, { cookie: cookies.staff }, '/api/statistics.csv')).text();
    expect(categories.split('\r\n').slice(0, 3)).toEqual(['纠纷类别,受理案件数', '邻里纠纷,0', '婚姻家庭纠纷,1']);
  });
});
