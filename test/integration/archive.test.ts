import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  Role,
  type ArchiveAccessPage,
  type ArchiveCaseRecord,
  type ArchiveSearchResult,
  type CaseStatus,
  type VerificationReport,
} from '@mediation/shared';
import { hashPassword } from '../../server/src/auth/password.js';
import { caseMediatorOf, createCase } from '../../server/src/cases/create-case.js';
import { hashApiKey, newApiKeySecret } from '../../server/src/organisation/api-key-secret.js';
import { registerArchiveFunctions } from '../../server/src/store/sqlite/sqlite-archive.js';
import { DATABASE_FILE } from '../../server/src/store/sqlite/sqlite-store.js';
import type { AccountRecord, IssuedAgreementRecord, RegionRecord } from '../../server/src/store/records.js';
import { TEST_SETUP_AUDIT, testCommittee } from '../support/add-committee.js';
import { bruteForceSearch, generateArchive, type GeneratedArchive } from '../support/archive-fixture.js';
import { issueFixtureAgreement } from '../support/issue-fixture-agreement.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

let service: TestService;
let caseId: string;
let issued: IssuedAgreementRecord;
/** Sign-in cookies (or an API key's header) by who holds them. */
const callers: Record<'staff' | 'admin' | 'mediator' | 'foreignStaff' | 'foreignAdmin' | 'generatedAdmin', Record<string, string>> = {} as never;
let apiKey: Record<string, string>;
let generated: GeneratedArchive;

const FOREIGN_PROVINCE: RegionRecord = { id: 'foreign', parentId: null, level: 'province', name: 'Foreign', code: '', path: '/foreign/', createdAt: '2026-01-01T00:00:00.000Z' };

async function signIn(email: string): Promise<Record<string, string>> {
  const response = await fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_MEDIATOR.password }),
  });
  expect(response.status).toBe(200);
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]! };
}

async function addAccount(account: Pick<AccountRecord, 'id' | 'email'> & ({ role: 'staff'; committeeId: string } | { role: 'administrator'; regionId: string })) {
  const record = {
    displayName: `${account.role} ${account.id}`,
    passwordHash: await hashPassword(TEST_MEDIATOR.password),
    createdAt: '2026-01-01T00:00:00.000Z',
    disabledAt: null,
    committeeId: null,
    regionId: null,
    ...account,
  } as AccountRecord;
  await service.store.createAccount(record, TEST_SETUP_AUDIT);
}

async function get<T>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${service.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

const search = (query: Record<string, string>, headers: Record<string, string>) =>
  get<ArchiveSearchResult>(`/api/archive/agreements?${new URLSearchParams(query)}`, headers);

beforeAll(async () => {
  service = await startTestService();
  const mediator = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
  const created = await createCase(
    { store: service.store, secret: service.secret, joinLinkTtlSeconds: service.config.joinLinkTtlSeconds },
    caseMediatorOf(mediator),
    {
      caseNumber: '(2026)示范民调字第0042号',
      title: '张伟与欧阳娜娜邻里纠纷',
      category: 'neighbourhood',
      participants: [
        { displayName: '张伟', role: Role.applicant },
        { displayName: '欧阳娜娜', role: Role.respondent },
      ],
      waitingRoom: false,
    },
    service.url,
  );
  caseId = created.caseId;
  issued = await issueFixtureAgreement(service, caseId);

  await service.store.createRegion(FOREIGN_PROVINCE, { ...TEST_SETUP_AUDIT, regionPath: FOREIGN_PROVINCE.path });
  await service.store.createCommittee(testCommittee('foreign-committee', 'Foreign committee', '2026-01-01T00:00:00.000Z', FOREIGN_PROVINCE), TEST_SETUP_AUDIT);
  await addAccount({ id: 'foreign-staff', email: 'foreign-staff@test.example', role: 'staff', committeeId: 'foreign-committee' });
  await addAccount({ id: 'foreign-admin', email: 'foreign-admin@test.example', role: 'administrator', regionId: FOREIGN_PROVINCE.id });
  const key = newApiKeySecret();
  const admin = (await service.store.findAccountByEmail('admin@test.example'))!;
  await service.store.createApiKey(
    { id: 'key-1', name: 'Platform', regionId: 'region-root', regionPath: '/region-root/', keyHash: hashApiKey(key), keyPrefix: key.slice(0, 10), createdBy: admin.id, createdAt: '2026-01-01T00:00:00.000Z', revokedAt: null, lastUsedAt: null },
    TEST_SETUP_AUDIT,
  );
  apiKey = { authorization: `Bearer ${key}` };

  // A few hundred more cases in a province of their own, statuses set as the desk would.
  const database = new Database(path.join(service.dataDir, DATABASE_FILE));
  registerArchiveFunctions(database);
  const setStatus = database.prepare('UPDATE cases SET status = ? WHERE id = ?');
  generated = await generateArchive(service.store, { count: 200, seed: 21, prefix: 'gen', setStatus: async (id: string, status: CaseStatus) => void setStatus.run(status, id) });
  database.close();
  await addAccount({ id: 'gen-admin', email: 'gen-admin@test.example', role: 'administrator', regionId: generated.province.id });

  callers.staff = await signIn('staff@test.example');
  callers.admin = await signIn('admin@test.example');
  callers.mediator = await signIn(TEST_MEDIATOR.email);
  callers.foreignStaff = await signIn('foreign-staff@test.example');
  callers.foreignAdmin = await signIn('foreign-admin@test.example');
  callers.generatedAdmin = await signIn('gen-admin@test.example');
}, 240_000);
afterAll(() => service.stop());

describe('the committee’s archive', () => {
  it('finds the issued agreement for its staff by a two-character party name, by part of the case number and by the document number', async () => {
    const queries: Record<string, string>[] = [{ party: '张伟' }, { q: '张伟' }, { q: '阳娜' }, { caseNumber: '0042' }, { q: '第0042号' }, { documentNumber: issued.documentNumber }, { q: issued.documentNumber.slice(-6) }];
    for (const query of queries) {
      const { status, body } = await search(query, callers.staff);
      expect(status, JSON.stringify(query)).toBe(200);
      expect(body.items.map((i) => i.caseId), JSON.stringify(query)).toEqual([caseId]);
    }
    const { body } = await search({ party: '张伟' }, callers.staff);
    expect(body).toMatchObject({ total: 1, totalCapped: false, page: 1 });
    expect(body.items[0]).toMatchObject({
      caseNumber: '(2026)示范民调字第0042号',
      parties: ['张伟', '欧阳娜娜'],
      documentNumber: issued.documentNumber,
      issuedAt: issued.issuedAt,
      category: 'neighbourhood',
      status: 'settled',
    });
  });

  it('lets the province’s administrator and its API key find it, and a foreign committee’s staff or another region’s administrator find nothing', async () => {
    expect((await search({ party: '张伟' }, callers.admin)).body.items.map((i) => i.caseId)).toEqual([caseId]);
    expect((await search({ party: '张伟' }, apiKey)).body.items.map((i) => i.caseId)).toEqual([caseId]);
    for (const caller of [callers.foreignStaff, callers.foreignAdmin]) {
      const { status, body } = await search({ party: '张伟' }, caller);
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 0, items: [] });
    }
  });

  it('downloads the PDF for staff, records the download in the case’s audit log and shows it in the access log', async () => {
    const response = await fetch(`${service.url}/api/archive/cases/${caseId}/agreement.pdf`, { headers: callers.staff });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(issued.pdf))).toBe(true);
    const last = (await service.store.listAudit(caseId)).at(-1)!;
    expect(last).toMatchObject({ type: 'agreement.downloaded', data: { documentNumber: issued.documentNumber }, actor: { role: 'account', name: '李静 Li Jing' } });
    const { body } = await get<ArchiveAccessPage>('/api/archive/access-log', callers.staff);
    expect(body.items[0]).toMatchObject({ caseId, type: 'agreement.downloaded', actorName: '李静 Li Jing', documentNumber: issued.documentNumber, method: null });
  });

  it('verifies the stored PDF as authentic, sealed by the committee, and records the check', async () => {
    const response = await fetch(`${service.url}/api/archive/cases/${caseId}/verify`, { method: 'POST', headers: callers.staff });
    expect(response.status).toBe(200);
    const report = (await response.json()) as VerificationReport;
    expect(report).toMatchObject({ authentic: true, tampered: false, documentNumber: issued.documentNumber, pdfSha256: issued.pdfSha256 });
    expect(report.committee).toContain('示范人民调解委员会');
    expect((await service.store.listAudit(caseId)).at(-1)).toMatchObject({
      type: 'agreement.verified',
      data: { documentNumber: issued.documentNumber, method: 'archive', verdict: 'authentic' },
    });
    const { body } = await get<ArchiveAccessPage>(`/api/archive/access-log?caseId=${caseId}&type=agreement.verified`, callers.admin);
    expect(body.items.map((i) => [i.type, i.method, i.verdict])).toEqual([['agreement.verified', 'archive', 'authentic']]);
  });

  it('shows the case’s record: parties, agreement, the check of the stored copy, the audit log with an intact chain, and its accesses', async () => {
    const { status, body } = await get<ArchiveCaseRecord>(`/api/archive/cases/${caseId}`, callers.staff);
    expect(status).toBe(200);
    expect(body.case).toMatchObject({ caseId, caseNumber: '(2026)示范民调字第0042号', committeeName: expect.stringContaining('示范') });
    expect(body.parties).toEqual([
      { name: '张伟', role: 'applicant' },
      { name: '欧阳娜娜', role: 'respondent' },
    ]);
    expect(body.agreement).toEqual({ documentNumber: issued.documentNumber, pdfSha256: issued.pdfSha256, issuedAt: issued.issuedAt });
    expect(body.verification).toMatchObject({ authentic: true });
    const entries = await service.store.listAudit(caseId);
    expect(body.audit.chain).toEqual({ valid: true, entries: entries.length, lastHash: entries.at(-1)!.hash });
    expect(body.audit.entries.map((e) => e.type)).toEqual(entries.map((e) => e.type));
    expect(body.audit.entries.at(-1)!.label).toEqual({ en: 'Agreement verified', 'zh-CN': '核验协议书' });
    expect(body.access.map((a) => a.type)).toEqual(['agreement.verified', 'agreement.downloaded']);
  });

  it('answers NOT_FOUND for a case outside the caller’s reach, as for one that does not exist', async () => {
    for (const caller of [callers.foreignStaff, callers.foreignAdmin]) {
      for (const id of [caseId, 'no-such-case']) {
        expect((await get(`/api/archive/cases/${id}`, caller)).status).toBe(404);
        expect((await get(`/api/archive/cases/${id}/agreement.pdf`, caller)).body).toMatchObject({ code: ErrorCode.notFound });
        const verify = await fetch(`${service.url}/api/archive/cases/${id}/verify`, { method: 'POST', headers: caller });
        expect(verify.status).toBe(404);
        expect((await get(`/api/archive/access-log?caseId=${id}`, caller)).body).toMatchObject({ code: ErrorCode.notFound });
      }
      expect((await get<ArchiveAccessPage>('/api/archive/access-log', caller)).body.items).toEqual([]);
    }
    // Nothing the refused callers did was recorded.
    expect((await service.store.listAudit(caseId)).filter((e) => e.type.startsWith('agreement.')).map((e) => e.type)).toEqual([
      'agreement.frozen',
      'agreement.issued',
      'agreement.downloaded',
      'agreement.verified',
    ]);
  });

  it('refuses a mediator with FORBIDDEN and anyone not signed in with UNAUTHENTICATED', async () => {
    for (const path of ['/api/archive/agreements?party=张伟', `/api/archive/cases/${caseId}`, '/api/archive/access-log']) {
      expect((await get(path, callers.mediator)).body).toMatchObject({ code: ErrorCode.forbidden });
      expect((await get(path)).body).toMatchObject({ code: ErrorCode.unauthenticated });
    }
  });

  it('refuses bad search parameters with VALIDATION_FAILED and a message', async () => {
    const queries: Record<string, string>[] = [
      { party: '张' },
      { q: '张' },
      { caseNumber: '1' },
      { pageSize: '1000' },
      { page: '0' },
      { page: '600', pageSize: '20' },
      { from: '2026-13-45' },
      { from: '2026-03-02', to: '2026-03-01' },
      { sort: 'sideways' },
      { status: 'lost' },
      { q: 'x'.repeat(65) },
    ];
    for (const query of queries) {
      const { status, body } = await search(query, callers.staff);
      expect(status, JSON.stringify(query)).toBe(400);
      expect(body, JSON.stringify(query)).toMatchObject({ code: ErrorCode.validationFailed, message: expect.any(String) });
    }
  });

  it('pages through two hundred cases exactly as a brute-force search over them finds them', async () => {
    const cityAdmin = generated.cities[0]!;
    const chinaDay = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
    const queries: Record<string, string>[] = [
      {},
      { sort: 'oldest', category: 'family' },
      { sort: 'case-number', status: 'settled' },
      { party: '张伟' },
      { party: '欧阳' },
      { from: '2025-03-01', to: '2025-08-31' },
      { caseNumber: '001', sort: 'case-number' },
    ];
    for (const query of queries) {
      const expected = bruteForceSearch(generated.cases, {
        scope: { kind: 'region', regionPath: query.category ? cityAdmin.path : generated.province.path },
        party: query.party,
        caseNumber: query.caseNumber,
        category: query.category as never,
        status: query.status as never,
        from: query.from && chinaDay(query.from),
        to: query.to && new Date(Date.parse(chinaDay(query.to)) + 86_400_000).toISOString(),
        sort: (query.sort ?? 'newest') as never,
        offset: 0,
        limit: 10_000,
      });
      expect(expected.total, JSON.stringify(query)).toBeGreaterThan(0);
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const caller = query.category ? await signInOnce('city') : callers.generatedAdmin;
        const { body } = await search({ ...query, page: String(page), pageSize: '13' }, caller);
        expect(body.total).toBe(expected.total);
        if (body.items.length === 0) break;
        seen.push(...body.items.map((i) => i.caseId));
      }
      expect(seen, JSON.stringify(query)).toEqual(expected.caseIds);
    }
  });
});

const cityCookies = new Map<string, Record<string, string>>();
/** An administrator of the generated province's first city, signed in once. */
async function signInOnce(name: 'city'): Promise<Record<string, string>> {
  if (!cityCookies.has(name)) {
    await addAccount({ id: 'gen-city-admin', email: 'gen-city-admin@test.example', role: 'administrator', regionId: generated.cities[0]!.id });
    cityCookies.set(name, await signIn('gen-city-admin@test.example'));
  }
  return cityCookies.get(name)!;
}
