import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientEvent,
  DESK_PAGE_SIZE,
  ErrorCode,
  MAX_CONTACT_LENGTH,
  MAX_DESK_SEARCH_LENGTH,
  Role,
  type CaseSummary,
  type CreatedCase,
  type DeskPage,
} from '@mediation/shared';
import { startAccountSession } from '../../server/src/auth/start-account-session.js';
import { caseMediatorOf, createCase } from '../../server/src/cases/create-case.js';
import { addCommitteeWithMediator } from '../support/add-committee.js';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { issueFixtureAgreement } from '../support/issue-fixture-agreement.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

/**
 * The mediator's desk over HTTP: scheduling a session, recording the outcome, the status the
 * service sets itself (the room held, the agreement issued), and the list by status and search.
 */

let service: TestService;
/** The test mediator's sign-in, as a Bearer header. */
let mediator: Record<string, string>;

beforeAll(async () => {
  service = await startTestService();
  const account = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
  mediator = { authorization: `Bearer ${await startAccountSession(service.store, service.secret, account.id)}` };
});
afterAll(() => service?.stop());

const IN_A_WEEK = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString();

function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(init.headers ?? mediator) };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${service.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}
const schedule = (caseId: string, scheduledAt: unknown) => call(`/api/cases/${caseId}/schedule`, { method: 'POST', body: { scheduledAt } });
const recordOutcome = (caseId: string, body: unknown) => call(`/api/cases/${caseId}/outcome`, { method: 'POST', body });

/** A refusal with its status and code, and the case and its audit log as they were. */
async function expectRefusedUnchanged(caseId: string, attempt: () => Promise<Response>, status: number, code: ErrorCode): Promise<void> {
  const [before, log] = [await service.store.findCase(caseId), (await service.store.listAudit(caseId)).length];
  const response = await attempt();
  expect(response.status).toBe(status);
  const body = (await response.json()) as { code: string; message: string };
  expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(0);
  expect(await service.store.findCase(caseId)).toEqual(before);
  expect((await service.store.listAudit(caseId)).length).toBe(log);
}

describe('scheduling a session', () => {
  it('sets the time and the status scheduled, answers the case as the desk shows it, and logs who did it', async () => {
    const created = await createTestCase(service);
    const at = IN_A_WEEK();
    const response = await schedule(created.caseId, at);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as CaseSummary;
    expect(summary).toMatchObject({ id: created.caseId, status: 'scheduled', scheduledAt: at, closedAt: null });
    expect(summary.people.map((p) => p.displayName)).toEqual(['Applicant A', 'Respondent B']);
    const entry = (await service.store.listAudit(created.caseId)).at(-1)!;
    expect(entry).toMatchObject({ type: 'case.scheduled', data: { scheduledAt: at, from: 'intake' }, actor: { role: 'account', name: '陈明 Chen Ming' } });
  });

  it('moves a scheduled session to another time', async () => {
    const created = await createTestCase(service);
    await schedule(created.caseId, IN_A_WEEK());
    const later = new Date(Date.now() + 14 * 24 * 3600_000).toISOString();
    expect(((await (await schedule(created.caseId, later)).json()) as CaseSummary).scheduledAt).toBe(later);
  });

  it('refuses a time in the past, one too far ahead and one that is no time, with VALIDATION_FAILED, and changes nothing', async () => {
    const created = await createTestCase(service);
    for (const at of [new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() + 400 * 24 * 3600_000).toISOString(), 'next Tuesday', 42, null]) {
      await expectRefusedUnchanged(created.caseId, () => schedule(created.caseId, at), 400, ErrorCode.validationFailed);
    }
  });
});

describe('recording the outcome', () => {
  it('closes a case as withdrawn or not settled with the mediator’s note', async () => {
    for (const outcome of ['withdrawn', 'not-settled'] as const) {
      const created = await createTestCase(service);
      const response = await recordOutcome(created.caseId, { outcome, note: '  申请人撤回调解申请。 ' });
      expect(response.status).toBe(200);
      const summary = (await response.json()) as CaseSummary;
      expect(summary).toMatchObject({ status: outcome, outcomeNote: '申请人撤回调解申请。' });
      expect(Date.parse(summary.closedAt!)).not.toBeNaN();
      expect((await service.store.listAudit(created.caseId)).at(-1)).toMatchObject({ type: 'case.outcome-recorded', data: { outcome, from: 'intake' } });
    }
  });

  it('refuses an outcome without the note it needs, an unknown outcome and a note with hidden direction marks, and changes nothing', async () => {
    const created = await createTestCase(service);
    for (const body of [{ outcome: 'withdrawn' }, { outcome: 'not-settled', note: '   ' }, { outcome: 'abandoned', note: 'x' }, { outcome: 'withdrawn', note: 'a\u202Eb' }, { outcome: 'withdrawn', note: 'x'.repeat(1001) }]) {
      await expectRefusedUnchanged(created.caseId, () => recordOutcome(created.caseId, body), 400, ErrorCode.validationFailed);
    }
  });

  it('refuses settled before the agreement is issued, with CONFLICT saying why', async () => {
    const created = await createTestCase(service);
    await expectRefusedUnchanged(created.caseId, () => recordOutcome(created.caseId, { outcome: 'settled' }), 409, ErrorCode.conflict);
    const response = await recordOutcome(created.caseId, { outcome: 'settled' });
    expect(((await response.json()) as { message: string }).message).toMatch(/agreement is issued/);
  });

  it('refuses to reopen a closed case: no new session, no other outcome', async () => {
    const created = await createTestCase(service);
    await recordOutcome(created.caseId, { outcome: 'withdrawn', note: 'Withdrawn by the applicant.' });
    await expectRefusedUnchanged(created.caseId, () => schedule(created.caseId, IN_A_WEEK()), 409, ErrorCode.conflict);
    await expectRefusedUnchanged(created.caseId, () => recordOutcome(created.caseId, { outcome: 'not-settled', note: 'No.' }), 409, ErrorCode.conflict);
  });
});

describe('the status the service sets itself', () => {
  it('settles the case when its agreement is issued, with the time it was issued', async () => {
    const created = await createTestCase(service);
    await schedule(created.caseId, IN_A_WEEK());
    const issued = await issueFixtureAgreement(service, created.caseId);
    const { cases } = (await (await call('/api/cases?status=settled')).json()) as DeskPage;
    expect(cases.find((c) => c.id === created.caseId)).toMatchObject({
      status: 'settled',
      closedAt: issued.issuedAt,
      issuedAgreement: { documentNumber: issued.documentNumber },
    });
    const entries = await service.store.listAudit(created.caseId);
    expect(entries.at(-1)).toMatchObject({ type: 'case.status-changed', data: { from: 'scheduled', to: 'settled', cause: 'agreement-issued' } });
    await expectRefusedUnchanged(created.caseId, () => recordOutcome(created.caseId, { outcome: 'withdrawn', note: 'Too late.' }), 409, ErrorCode.conflict);
  }, 60_000);

  it('records a room session when the first person comes in, puts the case in session, and ends it when the room is left empty', async () => {
    const created = await createTestCase(service);
    await schedule(created.caseId, IN_A_WEEK());
    const first = await HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(created, Role.mediator).url), roomId: created.roomId });
    const second = await HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(created, Role.applicant).url), roomId: created.roomId });
    await waitUntil(async () => (await service.store.listRoomSessions(created.caseId)).length === 1 && (await service.store.findCase(created.caseId))?.status === 'in-session');
    first.close();
    second.close();
    await waitUntil(async () => (await service.store.listRoomSessions(created.caseId))[0]?.endedAt !== null);
    const [held] = await service.store.listRoomSessions(created.caseId);
    expect(Date.parse(held!.endedAt!)).toBeGreaterThanOrEqual(Date.parse(held!.startedAt));
    expect((await service.store.listAudit(created.caseId)).filter((e) => e.type === 'case.status-changed')).toMatchObject([
      { data: { from: 'scheduled', to: 'in-session', cause: 'room-opened' } },
    ]);
  }, 60_000);

  it('ends the room session when the mediator ends the session, and holds a new one when the room opens again', async () => {
    const created = await createTestCase(service);
    const join = (role: Role) => HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(created, role).url), roomId: created.roomId });
    const chair = await join(Role.mediator);
    const party = await join(Role.applicant);
    await waitUntil(async () => (await service.store.listRoomSessions(created.caseId)).length === 1);
    await chair.request(ClientEvent.endSession, {});
    chair.close();
    await waitUntil(() => party.closedWith !== null);
    await waitUntil(async () => (await service.store.listRoomSessions(created.caseId))[0]?.endedAt !== null);

    (await join(Role.mediator)).close();
    await waitUntil(async () => (await service.store.listRoomSessions(created.caseId)).filter((s) => s.endedAt !== null).length === 2);
    // In session once: the second opening leaves the status as it was.
    expect((await service.store.findCase(created.caseId))?.status).toBe('in-session');
    expect((await service.store.listAudit(created.caseId)).filter((e) => e.type === 'case.status-changed')).toHaveLength(1);
  }, 60_000);
});

describe('the desk’s list', () => {
  /** A committee of its own, so that its counts are this test's alone. */
  let listing: Record<string, string>;
  let made: CreatedCase[];

  beforeAll(async () => {
    const committee = { id: randomUUID(), name: 'Listing committee', createdAt: new Date().toISOString() };
    const account = { id: randomUUID(), email: 'listing@test.example', displayName: 'Listing Mediator', passwordHash: 'not used' };
    await addCommitteeWithMediator(service.store, committee, account);
    listing = { authorization: `Bearer ${await startAccountSession(service.store, service.secret, account.id)}` };
    const record = (await service.store.findAccountByEmail(account.email))!;
    made = [];
    // One after another, so each is newer than the one before.
    for (let n = 1; n <= DESK_PAGE_SIZE + 3; n++) {
      const title = n === 7 ? '物业费纠纷' : `Dispute ${n}`;
      made.push(
        await createCase(
          { store: service.store, secret: service.secret, joinLinkTtlSeconds: service.config.joinLinkTtlSeconds },
          caseMediatorOf(record),
          { caseNumber: `L-${String(n).padStart(2, '0')}`, title, category: 'neighbourhood', participants: [{ displayName: `Party ${n}`, role: Role.applicant, contact: `Flat ${n}, 5 Market Street` }] },
          service.url,
        ),
      );
    }
    await call(`/api/cases/${made[0]!.caseId}/schedule`, { method: 'POST', body: { scheduledAt: IN_A_WEEK() }, headers: listing });
    await call(`/api/cases/${made[1]!.caseId}/outcome`, { method: 'POST', body: { outcome: 'withdrawn', note: 'Withdrawn.' }, headers: listing });
  });

  const list = async (query = '') => {
    const response = await call(`/api/cases${query}`, { headers: listing });
    expect(response.status).toBe(200);
    return (await response.json()) as DeskPage;
  };

  it('lists the newest first, a page at a time, with the count of every status', async () => {
    const first = await list();
    expect(first.cases.map((c) => c.caseNumber)).toEqual(made.slice(-DESK_PAGE_SIZE).reverse().map((c) => c.caseNumber));
    expect(first).toMatchObject({ page: 1, pageSize: DESK_PAGE_SIZE, total: DESK_PAGE_SIZE + 3 });
    expect(first.counts).toEqual({ intake: DESK_PAGE_SIZE + 1, scheduled: 1, 'in-session': 0, settled: 0, 'not-settled': 0, withdrawn: 1 });
    const second = await list('?page=2');
    expect(second.cases.map((c) => c.caseNumber)).toEqual(['L-03', 'L-02', 'L-01']);
    expect((await list('?page=3')).cases).toEqual([]);
  });

  it('shows each case’s parties with their contact', async () => {
    const { cases } = await list('?q=L-05');
    expect(cases.map((c) => c.people)).toEqual([[{ participantId: expect.any(String), displayName: 'Party 5', role: 'applicant', contact: 'Flat 5, 5 Market Street', withdrawn: false }]]);
  });

  it('filters by status and by part of the case number or title', async () => {
    expect((await list('?status=scheduled')).cases.map((c) => c.caseNumber)).toEqual(['L-01']);
    expect((await list('?status=withdrawn')).cases.map((c) => c.caseNumber)).toEqual(['L-02']);
    expect((await list(`?q=${encodeURIComponent('物业')}`)).cases.map((c) => c.caseNumber)).toEqual(['L-07']);
    const narrowed = await list('?q=L-1');
    expect(narrowed.cases.map((c) => c.caseNumber)).toEqual(['L-19', 'L-18', 'L-17', 'L-16', 'L-15', 'L-14', 'L-13', 'L-12', 'L-11', 'L-10']);
    expect(narrowed.counts.intake).toBe(10);
    expect(await list('?status=settled&q=L-1')).toMatchObject({ cases: [], total: 0 });
  });

  it('shows nothing of other committees', async () => {
    const { cases } = await list('?q=T-1');
    expect(cases).toEqual([]);
  });

  it('refuses a bad filter with VALIDATION_FAILED', async () => {
    for (const query of ['?status=closed', '?page=0', '?page=abc', `?page=${10 ** 6}`, `?q=${'x'.repeat(MAX_DESK_SEARCH_LENGTH + 1)}`]) {
      const response = await call(`/api/cases${query}`, { headers: listing });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe(ErrorCode.validationFailed);
    }
  });
});

describe('a party’s contact on the new case', () => {
  it('is kept with the person and shown on the desk', async () => {
    const response = await call('/api/cases', {
      method: 'POST',
      body: { caseNumber: 'C-77', title: 'Contact', category: 'other', participants: [{ displayName: '王芳', role: Role.applicant, contact: ' 138 0000 0000 ' }] },
    });
    expect(response.status).toBe(201);
    const { caseId } = (await response.json()) as CreatedCase;
    const { cases } = (await (await call('/api/cases?q=C-77')).json()) as DeskPage;
    expect(cases.find((c) => c.id === caseId)?.people[0]?.contact).toBe('138 0000 0000');
  });

  it('is refused when too long or holding hidden direction marks, and no case is made', async () => {
    const before = ((await (await call('/api/cases')).json()) as DeskPage).total;
    for (const contact of ['x'.repeat(MAX_CONTACT_LENGTH + 1), '138\u202E0000', 42]) {
      const response = await call('/api/cases', {
        method: 'POST',
        body: { caseNumber: 'C-78', title: 'Contact', category: 'other', participants: [{ displayName: '王芳', role: Role.applicant, contact }] },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe(ErrorCode.validationFailed);
    }
    expect(((await (await call('/api/cases')).json()) as DeskPage).total).toBe(before);
  });
});
