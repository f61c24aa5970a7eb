import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole, apiRoutes, ErrorCode, pathOf, Role, type ApiRoute, type ApiRoutes, type CreatedCase, type FileCaseInput } from '@mediation/shared';
import { startAccountSession } from '../../server/src/auth/start-account-session.js';
import { hashApiKey, newApiKeySecret } from '../../server/src/organisation/api-key-secret.js';
import type { IssuedAgreementRecord } from '../../server/src/store/records.js';
import { DATABASE_FILE } from '../../server/src/store/sqlite/sqlite-store.js';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { issueFixtureAgreement } from '../support/issue-fixture-agreement.js';
import { CALLERS, organisationFixture, type Caller, type OrganisationFixture } from '../support/organisation-callers.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

/**
 * Every REST route against every kind of caller: nobody, a party's join link, each account
 * role of committee A and above it, API keys in and out of reach, and committee B's people
 * beside it. Each row says what each caller gets; the compiler refuses a route without one.
 * - `ok`: a success;
 * - `hidden`: a success that shows nothing of committee A (a list read from outside);
 * - an error code: that refusal, and nothing stored changed.
 */
type Outcome = 'ok' | 'hidden' | ErrorCode;

interface RouteRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is, with this content type. */
  raw?: { contentType: string; bytes: Buffer };
  /** A credential of its own for this request, instead of the caller's (signing out ends the one it is sent with). */
  bearer?: string;
}

interface AccessRule {
  /** A request that would succeed for an allowed caller; made afresh for each caller. */
  request: (fixture: OrganisationFixture, caller: Caller) => RouteRequest | Promise<RouteRequest>;
  outcomes: Record<Caller, Outcome>;
}

interface Groups {
  ok?: readonly Caller[];
  hidden?: readonly Caller[];
  unauthenticated?: readonly Caller[];
  forbidden?: readonly Caller[];
  notFound?: readonly Caller[];
}

/** Outcomes by group; every caller must be in exactly one. */
function outcomes(groups: Groups): Record<Caller, Outcome> {
  const byGroup: Record<keyof Groups, Outcome> = {
    ok: 'ok',
    hidden: 'hidden',
    unauthenticated: ErrorCode.unauthenticated,
    forbidden: ErrorCode.forbidden,
    notFound: ErrorCode.notFound,
  };
  const result: Partial<Record<Caller, Outcome>> = {};
  for (const [group, callers] of Object.entries(groups) as [keyof Groups, Caller[]][]) {
    for (const caller of callers) {
      if (result[caller]) throw new Error(`${caller} is in two groups`);
      result[caller] = byGroup[group];
    }
  }
  const missing = CALLERS.filter((caller) => !result[caller]);
  if (missing.length) throw new Error(`no outcome for ${missing.join(', ')}`);
  return result as Record<Caller, Outcome>;
}

const EVERYONE = CALLERS;
const KEYS = ['keyCountyA', 'keyCountyB'] as const;
const NOT_SIGNED_IN = ['anonymous', 'participantA', ...KEYS] as const;

/** Administrators above committee A may; the neighbour's does not see it; committees' people may not administer. */
const ADMINISTRATION_OF_A = {
  ok: ['adminProvince', 'adminCountyA'],
  notFound: ['adminCountyB'],
  forbidden: ['mediatorA', 'staffA', 'mediatorB', 'staffB'],
  unauthenticated: NOT_SIGNED_IN,
} as const satisfies Groups;
const ADMINISTRATION_LIST = { ...ADMINISTRATION_OF_A, notFound: [], hidden: ['adminCountyB'] } as const satisfies Groups;

let unique = 0;
const uniqueName = (prefix: string) => `${prefix} ${++unique}`;

/** An account of committee A made straight in the store, to be disabled or enabled by one caller. */
async function freshAccountOfA(f: OrganisationFixture, disabled: boolean): Promise<string> {
  const id = randomUUID();
  await service.store.createAccount(
    { id, role: AccountRole.staff, committeeId: f.committeeA.id, regionId: null, email: `fresh-${id}@test.example`, displayName: 'Fresh', passwordHash: 'x', createdAt: new Date().toISOString(), disabledAt: disabled ? new Date().toISOString() : null },
    { at: new Date().toISOString(), type: 'account.created', actorId: 'test', actorName: 'test', ip: '', device: '', regionPath: f.committeeA.regionPath, committeeId: f.committeeA.id, data: {} },
  );
  return id;
}

async function freshKeyOfA(f: OrganisationFixture): Promise<string> {
  const id = randomUUID();
  const secret = newApiKeySecret();
  await service.store.createApiKey(
    { id, name: 'Fresh', regionId: f.countyA.id, regionPath: f.countyA.path, keyHash: hashApiKey(secret), keyPrefix: secret.slice(0, 10), createdBy: f.accounts.adminProvince.id, createdAt: new Date().toISOString(), revokedAt: null, lastUsedAt: null },
    { at: new Date().toISOString(), type: 'api-key.created', actorId: 'test', actorName: 'test', ip: '', device: '', regionPath: f.countyA.path, committeeId: null, data: {} },
  );
  return id;
}

/** The mediator's desk: a mediator of the case's committee; nobody else has a desk. */
const DESK_REFUSED = { unauthenticated: NOT_SIGNED_IN, forbidden: ['staffA', 'adminProvince', 'adminCountyA', 'staffB', 'adminCountyB'] } as const;
const DESK_CASE_OUTCOMES = outcomes({ ...DESK_REFUSED, ok: ['mediatorA'], notFound: ['mediatorB'] });
/** A fresh case of committee A for each caller, so that what one caller changes leaves the next one's request as it was. */
const freshCaseA = async () => createTestCase(service);
const aPartyOf = (created: CreatedCase) => linkOf(created, Role.applicant).participantId;
const IN_A_WEEK = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString();

const ACCOUNTS = ['mediatorA', 'staffA', 'adminProvince', 'adminCountyA', 'mediatorB', 'staffB', 'adminCountyB'] as const;
/** Reach committee A's cases: its people, its accounts, the regions above it and a key of its county. */
const REACH_A = ['participantA', 'mediatorA', 'staffA', 'adminProvince', 'adminCountyA', 'keyCountyA'] as const;
const BESIDE_A = ['mediatorB', 'staffB', 'adminCountyB', 'keyCountyB'] as const;
const ALL_BUT_KEYS = CALLERS.filter((caller) => caller !== 'keyCountyA' && caller !== 'keyCountyB');

/** Committee A's statistics: its staff and everyone above it; mediators never; those beside it do not see it. */
const STATISTICS_OF_A = outcomes({
  ok: ['staffA', 'adminProvince', 'adminCountyA', 'keyCountyA'],
  forbidden: ['mediatorA', 'mediatorB'],
  notFound: ['staffB', 'adminCountyB', 'keyCountyB'],
  unauthenticated: ['anonymous', 'participantA'],
});
const STATISTICS_YEAR = { from: '2025-01', to: '2026-01' };

/** Case A's agreement, issued the first time a rule needs it. */
let issuedA: Promise<IssuedAgreementRecord> | undefined;
const issuedAgreementA = (fixture: OrganisationFixture) => (issuedA ??= issueFixtureAgreement(service, fixture.caseA.caseId));

const caseParams = (fixture: OrganisationFixture) => ({ params: { caseId: fixture.caseA.caseId } });
const issuedCaseParams = async (fixture: OrganisationFixture) => {
  await issuedAgreementA(fixture);
  return caseParams(fixture);
};

/** The accounts whose password the test knows, taken in turn: sign-in attempts are throttled per account too. */
const SIGN_IN_EMAILS = ['mediator', 'staff', 'admin'].map((name) => `${name}@${TEST_MEDIATOR.email.split('@')[1]}`);

/** The archive: committee staff, the administrators above and a key of the region; mediators run cases instead. */
const ARCHIVE_OF_A = ['staffA', 'adminProvince', 'adminCountyA', 'keyCountyA'] as const;
const BESIDE_ARCHIVE = ['staffB', 'adminCountyB', 'keyCountyB'] as const;
const ARCHIVE_REFUSED = { forbidden: ['mediatorA', 'mediatorB'], unauthenticated: ['anonymous', 'participantA'] } as const;

const RULES: { [K in keyof ApiRoutes]: AccessRule } = {
  listRegions: { request: () => ({}), outcomes: outcomes(ADMINISTRATION_LIST) },
  createRegion: {
    request: (f) => ({ body: { parentId: f.countyA.id, name: uniqueName('镇 Township') } }),
    outcomes: outcomes(ADMINISTRATION_OF_A),
  },
  listCommittees: { request: () => ({}), outcomes: outcomes(ADMINISTRATION_LIST) },
  createCommittee: {
    request: (f) => ({ body: { regionId: f.countyA.id, name: uniqueName('调委会 Committee'), kind: 'village' } }),
    outcomes: outcomes(ADMINISTRATION_OF_A),
  },
  listAccounts: { request: () => ({}), outcomes: outcomes(ADMINISTRATION_LIST) },
  createAccount: {
    request: (f) => ({
      body: { role: AccountRole.staff, committeeId: f.committeeA.id, email: `staff-${randomUUID()}@test.example`, displayName: 'New staff', password: 'a long enough password' },
    }),
    outcomes: outcomes(ADMINISTRATION_OF_A),
  },
  disableAccount: { request: async (f) => ({ params: { accountId: await freshAccountOfA(f, false) } }), outcomes: outcomes(ADMINISTRATION_OF_A) },
  enableAccount: { request: async (f) => ({ params: { accountId: await freshAccountOfA(f, true) } }), outcomes: outcomes(ADMINISTRATION_OF_A) },
  listApiKeys: { request: () => ({}), outcomes: outcomes(ADMINISTRATION_LIST) },
  createApiKey: { request: (f) => ({ body: { name: uniqueName('Platform'), regionId: f.countyA.id } }), outcomes: outcomes(ADMINISTRATION_OF_A) },
  revokeApiKey: { request: async (f) => ({ params: { keyId: await freshKeyOfA(f) } }), outcomes: outcomes(ADMINISTRATION_OF_A) },
  listAccountAudit: { request: () => ({}), outcomes: outcomes(ADMINISTRATION_LIST) },
  listCases: {
    request: () => ({ query: { q: 'T-1' } }),
    outcomes: outcomes({ ...DESK_REFUSED, ok: ['mediatorA'], hidden: ['mediatorB'] }),
  },
  createCase: {
    request: () => ({ body: { caseNumber: 'D-1', title: 'A case from the desk', category: 'other', participants: [{ displayName: '王芳', role: Role.applicant, contact: '138 0000 0000' }] } }),
    outcomes: outcomes({ ...DESK_REFUSED, ok: ['mediatorA', 'mediatorB'] }),
  },
  caseLinks: {
    request: async () => ({ params: { caseId: (await freshCaseA()).caseId } }),
    outcomes: DESK_CASE_OUTCOMES,
  },
  withdrawLink: {
    request: async () => {
      const created = await freshCaseA();
      return { params: { caseId: created.caseId, participantId: aPartyOf(created) } };
    },
    outcomes: DESK_CASE_OUTCOMES,
  },
  reissueLink: {
    request: async () => {
      const created = await freshCaseA();
      return { params: { caseId: created.caseId, participantId: aPartyOf(created) } };
    },
    outcomes: DESK_CASE_OUTCOMES,
  },
  checkRecord: {
    request: async () => ({ params: { caseId: (await freshCaseA()).caseId } }),
    outcomes: DESK_CASE_OUTCOMES,
  },
  scheduleSession: {
    request: async () => ({ params: { caseId: (await freshCaseA()).caseId }, body: { scheduledAt: IN_A_WEEK() } }),
    outcomes: DESK_CASE_OUTCOMES,
  },
  recordOutcome: {
    request: async () => ({ params: { caseId: (await freshCaseA()).caseId }, body: { outcome: 'withdrawn', note: 'The applicant withdrew the application.' } }),
    outcomes: DESK_CASE_OUTCOMES,
  },
  getStatistics: { request: (f) => ({ query: { ...STATISTICS_YEAR, committeeId: f.committeeA.id } }), outcomes: STATISTICS_OF_A },
  getStatisticsCsv: { request: (f) => ({ query: { ...STATISTICS_YEAR, committeeId: f.committeeA.id, chart: 'byCategory' } }), outcomes: STATISTICS_OF_A },
  listPlatformCommittees: {
    request: () => ({}),
    outcomes: outcomes({ ok: ['keyCountyA'], hidden: ['keyCountyB'], unauthenticated: ALL_BUT_KEYS }),
  },
  fileCase: {
    request: (fixture) => ({
      params: { committeeId: fixture.committeeA.id },
      body: {
        caseNumber: 'P-1',
        title: 'Filed by a platform',
        category: 'neighbourhood',
        participants: [{ displayName: '李雷', role: Role.applicant }],
        mediatorEmail: fixture.accounts.mediatorA.email,
      } satisfies FileCaseInput,
    }),
    outcomes: outcomes({ ok: ['keyCountyA'], notFound: ['keyCountyB'], unauthenticated: ALL_BUT_KEYS }),
  },
  platformCaseLinks: {
    request: caseParams,
    outcomes: outcomes({ ok: ['keyCountyA'], notFound: ['keyCountyB'], unauthenticated: ALL_BUT_KEYS }),
  },
  platformAgreementPdf: {
    request: issuedCaseParams,
    outcomes: outcomes({ ok: ['keyCountyA'], notFound: ['keyCountyB'], unauthenticated: ALL_BUT_KEYS }),
  },
  platformVerification: {
    request: issuedCaseParams,
    outcomes: outcomes({ ok: ['keyCountyA'], notFound: ['keyCountyB'], unauthenticated: ALL_BUT_KEYS }),
  },
  signIn: {
    request: (_fixture, caller) => ({ body: { email: SIGN_IN_EMAILS[CALLERS.indexOf(caller) % SIGN_IN_EMAILS.length], password: TEST_MEDIATOR.password } }),
    outcomes: outcomes({ ok: EVERYONE }),
  },
  signOut: {
    request: async (fixture, caller) => {
      const account = (ACCOUNTS as readonly Caller[]).includes(caller) ? fixture.accounts[caller as (typeof ACCOUNTS)[number]] : undefined;
      return account ? { bearer: `Bearer ${await startAccountSession(service.store, service.secret, account.id)}` } : {};
    },
    outcomes: outcomes({ ok: EVERYONE }),
  },
  currentAccount: {
    request: () => ({}),
    outcomes: outcomes({ ok: ACCOUNTS, unauthenticated: NOT_SIGNED_IN }),
  },
  checkJoinLink: {
    request: (fixture) => ({ body: { token: tokenOf(linkOf(fixture.caseA, Role.applicant).url), roomId: fixture.caseA.roomId } }),
    outcomes: outcomes({ ok: EVERYONE }),
  },
  downloadAgreement: {
    request: issuedCaseParams,
    outcomes: outcomes({ ok: REACH_A, notFound: BESIDE_A, unauthenticated: ['anonymous'] }),
  },
  verifyPdf: {
    request: async (fixture) => ({ raw: { contentType: 'application/pdf', bytes: Buffer.from((await issuedAgreementA(fixture)).pdf) } }),
    outcomes: outcomes({ ok: EVERYONE }),
  },
  // Anyone learns that a number is on record; only those who reach the case learn what it is.
  verifyDocumentNumber: {
    request: async (fixture) => ({ params: { documentNumber: (await issuedAgreementA(fixture)).documentNumber } }),
    outcomes: outcomes({ ok: REACH_A, hidden: ['anonymous', ...BESIDE_A] }),
  },
  searchArchive: {
    request: async (fixture) => ({ ...(await issuedCaseParams(fixture)), params: {}, query: { party: '张伟' } }),
    outcomes: outcomes({ ...ARCHIVE_REFUSED, ok: ARCHIVE_OF_A, hidden: BESIDE_ARCHIVE }),
  },
  readArchivedCase: { request: issuedCaseParams, outcomes: outcomes({ ...ARCHIVE_REFUSED, ok: ARCHIVE_OF_A, notFound: BESIDE_ARCHIVE }) },
  downloadArchivedAgreement: { request: issuedCaseParams, outcomes: outcomes({ ...ARCHIVE_REFUSED, ok: ARCHIVE_OF_A, notFound: BESIDE_ARCHIVE }) },
  verifyArchivedAgreement: { request: issuedCaseParams, outcomes: outcomes({ ...ARCHIVE_REFUSED, ok: ARCHIVE_OF_A, notFound: BESIDE_ARCHIVE }) },
  listArchiveAccess: { request: () => ({}), outcomes: outcomes({ ...ARCHIVE_REFUSED, ok: ARCHIVE_OF_A, hidden: BESIDE_ARCHIVE }) },
  openApiDocument: {
    request: () => ({}),
    outcomes: outcomes({ ok: EVERYONE }),
  },
};

let service: TestService;
let fixture: OrganisationFixture;

beforeAll(async () => {
  service = await startTestService();
  fixture = await organisationFixture(service);
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

/** Row counts of every table: a refusal leaves them all as they were. */
function tableCounts(): Record<string, number> {
  const db = new Database(path.join(service.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

async function send(route: ApiRoute, request: RouteRequest, caller: Caller): Promise<Response> {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  const bearer = request.bearer ?? fixture.bearer[caller];
  // Each caller from an address of its own, as different people are: sign-in attempts and verifications are limited per address.
  const headers: Record<string, string> = { 'x-forwarded-for': `10.0.0.${CALLERS.indexOf(caller) + 1}`, ...(bearer && { authorization: bearer }) };
  let body: BodyInit | undefined;
  if (request.raw) {
    headers['content-type'] = request.raw.contentType;
    body = new Uint8Array(request.raw.bytes);
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  return fetch(`${service.url}${pathOf(route, request.params)}${query}`, { method: route.method.toUpperCase(), headers, body });
}

/** Denials first, so the allowed callers' writes come after every refusal was checked. */
const callersInOrder = (rule: AccessRule) =>
  [...EVERYONE].sort((a, b) => Number(['ok', 'hidden'].includes(rule.outcomes[a])) - Number(['ok', 'hidden'].includes(rule.outcomes[b])));

describe('every route against every caller', () => {
  it('has a rule for every route of the API', () => {
    expect(Object.keys(RULES).sort()).toEqual(Object.keys(apiRoutes).sort());
  });

  for (const [name, rule] of Object.entries(RULES) as [keyof ApiRoutes, AccessRule][]) {
    const route = apiRoutes[name] as ApiRoute;
    it(`${route.method.toUpperCase()} ${route.path} answers each caller as its rule says`, async () => {
      for (const caller of callersInOrder(rule)) {
        const expected = rule.outcomes[caller];
        const request = await rule.request(fixture, caller);
        const before = expected === 'ok' || expected === 'hidden' ? undefined : tableCounts();
        const response = await send(route, request, caller);
        const text = await response.text();
        const what = `${caller} → ${response.status} ${text.slice(0, 200)}`;
        if (expected === 'ok' || expected === 'hidden') {
          expect(response.status, what).toBeLessThan(300);
          if (expected === 'hidden') {
            for (const secret of [fixture.caseA.caseId, fixture.caseA.caseNumber, fixture.committeeA.id]) expect(text, what).not.toContain(secret);
          }
        } else {
          expect({ caller, code: (JSON.parse(text) as { code?: string }).code }, what).toEqual({ caller, code: expected });
          expect(tableCounts(), `${caller}'s refusal changed nothing`).toEqual(before);
        }
      }
      // Every caller in turn: a sign-in's password hash alone takes a second or more on a busy machine.
    }, 120_000);
  }
});

