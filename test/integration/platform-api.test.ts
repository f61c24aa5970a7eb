import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, Role, type CreatedCase, type PlatformCommitteeList, type VerificationReport } from '@mediation/shared';
import { API_KEY_BURST } from '../../server/src/http/mount-api-routes.js';
import { API_KEY_SHOWN_CHARACTERS, hashApiKey, newApiKeySecret } from '../../server/src/organisation/api-key-secret.js';
import type { RegionRecord } from '../../server/src/store/records.js';
import { DATABASE_FILE } from '../../server/src/store/sqlite/sqlite-store.js';
import { tokenOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { issueFixtureAgreement } from '../support/issue-fixture-agreement.js';
import { organisationFixture, type OrganisationFixture } from '../support/organisation-callers.js';
import { invalidPlatformCaseBodies, platformCaseBody } from '../support/platform-api-requests.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

let service: TestService;
let fixture: OrganisationFixture;
/** Committee A's key (its county's) and the key of county B beside it. */
let keyA: string;
let keyB: string;

beforeAll(async () => {
  service = await startTestService();
  fixture = await organisationFixture(service);
  keyA = fixture.apiKeys.keyCountyA.secret;
  keyB = fixture.apiKeys.keyCountyB.secret;
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

/** A key made straight in the store, for a test of its own (a revoked one, one spent by a flood). */
async function newKey(region: RegionRecord): Promise<{ id: string; secret: string }> {
  const secret = newApiKeySecret();
  const id = randomUUID();
  const at = new Date().toISOString();
  await service.store.createApiKey(
    { id, name: 'Test platform', regionId: region.id, regionPath: region.path, keyHash: hashApiKey(secret), keyPrefix: secret.slice(0, API_KEY_SHOWN_CHARACTERS), createdBy: fixture.accounts.adminProvince.id, createdAt: at, revokedAt: null, lastUsedAt: null },
    { at, type: 'api-key.created', actorId: 'test', actorName: 'test', ip: '', device: '', regionPath: region.path, committeeId: null, data: {} },
  );
  return { id, secret };
}

function call(key: string | undefined, method: 'GET' | 'POST', route: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = key === undefined ? {} : { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${service.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const fileCase = (key: string, committeeId: string, body: unknown) => call(key, 'POST', `/api/v1/committees/${committeeId}/cases`, body);

async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as { code: string }).code;
}

/** Rows in every table: a refusal leaves them as they were. */
function tableCounts(): Record<string, number> {
  const db = new Database(path.join(service.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

async function checkLink(url: string, roomId: string): Promise<Response> {
  return fetch(`${service.url}/api/join-link/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: tokenOf(url), roomId }),
  });
}

describe('the platform API, with a key of the committee’s county', () => {
  let filed: CreatedCase;

  it('lists the committees within its region with their mediators, and none beside it', async () => {
    const response = await call(keyA, 'GET', '/api/v1/committees');
    expect(response.status).toBe(200);
    const { committees } = (await response.json()) as PlatformCommitteeList;
    expect(committees.map((c) => c.id)).toEqual([fixture.committeeA.id]);
    expect(committees[0]!.mediators).toContainEqual({ email: fixture.accounts.mediatorA.email, displayName: fixture.accounts.mediatorA.displayName });
    expect(committees[0]!.mediators.map((m) => m.email)).not.toContain(fixture.accounts.staffA.email);

    const beside = (await (await call(keyB, 'GET', '/api/v1/committees')).json()) as PlatformCommitteeList;
    expect(beside.committees.map((c) => c.id)).toEqual([fixture.committeeB.id]);
  });

  it('files a case with its parties for a mediator of the committee, and each party’s link opens the room', async () => {
    const body = platformCaseBody(fixture.accounts.mediatorA.email);
    const response = await fileCase(keyA, fixture.committeeA.id, body);
    expect(response.status).toBe(201);
    filed = (await response.json()) as CreatedCase;
    expect(filed).toMatchObject({ caseNumber: body.caseNumber, title: body.title });
    expect(filed.links.map((link) => [link.displayName, link.role, link.own])).toEqual([
      [fixture.accounts.mediatorA.displayName, Role.mediator, true],
      ['张伟', Role.applicant, false],
      ['欧阳娜娜', Role.respondent, false],
      ['Observer O', Role.observer, false],
    ]);
    for (const link of filed.links) {
      const checked = await checkLink(link.url, filed.roomId);
      expect(checked.status).toBe(200);
      expect(await checked.json()).toMatchObject({ name: link.displayName, role: link.role, caseNumber: body.caseNumber, caseTitle: body.title });
    }
    const found = await service.store.findCase(filed.caseId);
    expect(found).toMatchObject({ committeeId: fixture.committeeA.id, createdBy: fixture.accounts.mediatorA.id, waitingRoom: true });
    // The case's record says who filed it: the platform, by its key.
    const [created] = await service.store.listAudit(filed.caseId);
    expect(created!.actor).toMatchObject({ participantId: fixture.apiKeys.keyCountyA.id, role: 'api-key', name: 'Platform A' });
  });

  it('gets fresh links of the case again, which open the room, and the hand-out is in the case’s record', async () => {
    const response = await call(keyA, 'GET', `/api/v1/cases/${filed.caseId}/links`);
    expect(response.status).toBe(200);
    const again = (await response.json()) as CreatedCase;
    expect(again.links.map((link) => link.participantId)).toEqual(filed.links.map((link) => link.participantId));
    expect(again.withdrawn).toEqual([]);
    expect((await checkLink(again.links[1]!.url, again.roomId)).status).toBe(200);
    const audit = await service.store.listAudit(filed.caseId);
    expect(audit.at(-1)).toMatchObject({ type: 'case.links-issued', actor: { participantId: fixture.apiKeys.keyCountyA.id, role: 'api-key' } });
  });

  it('gets NOT_FOUND for the agreement and its verification before it is issued', async () => {
    expect(await codeOf(await call(keyA, 'GET', `/api/v1/cases/${filed.caseId}/agreement.pdf`))).toBe(ErrorCode.notFound);
    expect(await codeOf(await call(keyA, 'GET', `/api/v1/cases/${filed.caseId}/verification`))).toBe(ErrorCode.notFound);
  });

  it('fetches the issued agreement’s PDF, recorded as downloaded by the key, and its verification', async () => {
    const issued = await issueFixtureAgreement(service, filed.caseId);
    const response = await call(keyA, 'GET', `/api/v1/cases/${filed.caseId}/agreement.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(issued.pdfSha256);
    const downloaded = (await service.store.listAudit(filed.caseId)).filter((entry) => entry.type === 'agreement.downloaded');
    expect(downloaded.map((entry) => entry.actor)).toEqual([expect.objectContaining({ participantId: fixture.apiKeys.keyCountyA.id, role: 'api-key' })]);

    const verification = await call(keyA, 'GET', `/api/v1/cases/${filed.caseId}/verification`);
    expect(verification.status).toBe(200);
    expect((await verification.json()) as VerificationReport).toMatchObject({
      detail: 'full',
      authentic: true,
      tampered: false,
      documentNumber: issued.documentNumber,
      caseNumber: filed.caseNumber,
      committee: fixture.committeeA.name,
      pdfSha256: issued.pdfSha256,
    });
    const verified = (await service.store.listAudit(filed.caseId)).filter((entry) => entry.type === 'agreement.verified');
    expect(verified).toEqual([expect.objectContaining({ actor: expect.objectContaining({ participantId: fixture.apiKeys.keyCountyA.id }) })]);
  }, 60_000);

  it('records when a key was last used, at most once a minute, without the request waiting for it', async () => {
    const key = await newKey(fixture.countyA);
    const lastUsed = async () => (await service.store.findApiKeyByHash(hashApiKey(key.secret)))!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect((await call(key.secret, 'GET', '/api/v1/committees')).status).toBe(200);
    await waitUntil(async () => (await lastUsed()) !== null);
    const first = await lastUsed();
    expect((await call(key.secret, 'GET', '/api/v1/committees')).status).toBe(200);
    expect(await lastUsed()).toBe(first);
  });
});

describe('what a key may not do', () => {
  it('a key of another region gets NOT_FOUND for a committee and a case beside it, and nothing is created', async () => {
    const before = tableCounts();
    const refusals = [
      await fileCase(keyB, fixture.committeeA.id, platformCaseBody(fixture.accounts.mediatorA.email)),
      await call(keyB, 'GET', `/api/v1/cases/${fixture.caseA.caseId}/links`),
      await call(keyB, 'GET', `/api/v1/cases/${fixture.caseA.caseId}/agreement.pdf`),
      await call(keyB, 'GET', `/api/v1/cases/${fixture.caseA.caseId}/verification`),
    ];
    // The same as for what does not exist at all: ids cannot be probed.
    const missing = [
      await fileCase(keyB, randomUUID(), platformCaseBody(fixture.accounts.mediatorA.email)),
      await call(keyB, 'GET', `/api/v1/cases/${randomUUID()}/links`),
    ];
    for (const response of [...refusals, ...missing]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: ErrorCode.notFound, message: expect.stringMatching(/^No such (committee|case)\.$/) });
    }
    expect(tableCounts()).toEqual(before);
  });

  it('a mediator who is not the committee’s, or an account that is no mediator, cannot be named: NOT_FOUND, nothing created', async () => {
    const before = tableCounts();
    for (const email of [fixture.accounts.mediatorB.email, fixture.accounts.staffA.email, 'nobody@test.example']) {
      const response = await fileCase(keyA, fixture.committeeA.id, platformCaseBody(email));
      expect([email, response.status, await codeOf(response)]).toEqual([email, 404, ErrorCode.notFound]);
    }
    expect(tableCounts()).toEqual(before);
  });

  it('a bad body gets VALIDATION_FAILED naming what is wrong, and nothing is created', async () => {
    const before = tableCounts();
    for (const [what, body] of Object.entries(invalidPlatformCaseBodies(fixture.accounts.mediatorA.email))) {
      const response = await fileCase(keyA, fixture.committeeA.id, body);
      const answer = (await response.json()) as { code: string; message: string };
      expect([what, response.status, answer.code]).toEqual([what, 400, ErrorCode.validationFailed]);
      expect(answer.message.length).toBeGreaterThan(0);
    }
    expect(tableCounts()).toEqual(before);
  });

  it('no key, a garbage key, a session or a join link instead of a key: UNAUTHENTICATED', async () => {
    for (const [what, key] of [
      ['no key', undefined],
      ['a garbage key', 'mrk_garbage'],
      ['a key of the wrong shape', 'not-a-key'],
      ['a session', fixture.bearer.mediatorA!.slice('Bearer '.length)],
      ['a join link', fixture.bearer.participantA!.slice('Bearer '.length)],
    ] as const) {
      const response = await call(key, 'GET', '/api/v1/committees');
      expect([what, response.status, await codeOf(response)]).toEqual([what, 401, ErrorCode.unauthenticated]);
    }
  });

  it('a revoked key is refused with UNAUTHENTICATED from then on', async () => {
    const key = await newKey(fixture.countyA);
    expect((await call(key.secret, 'GET', '/api/v1/committees')).status).toBe(200);
    const at = new Date().toISOString();
    const revoked = await service.store.revokeApiKey(key.id, at, {
      at,
      type: 'api-key.revoked',
      actorId: 'test',
      actorName: 'test',
      ip: '',
      device: '',
      regionPath: fixture.countyA.path,
      committeeId: null,
      data: {},
    });
    expect(revoked).toBe(true);
    const response = await call(key.secret, 'GET', '/api/v1/committees');
    expect([response.status, await codeOf(response)]).toEqual([401, ErrorCode.unauthenticated]);
  });

  it('a key that floods gets RATE_LIMITED after its burst, while another key is still served', async () => {
    const flooding = await newKey(fixture.countyA);
    const answers = await Promise.all(Array.from({ length: API_KEY_BURST + 30 }, () => call(flooding.secret, 'GET', '/api/v1/committees')));
    const statuses = answers.map((response) => response.status);
    // The bucket refills as the requests go out, so a few more than the burst may pass.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(API_KEY_BURST);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    const limited = answers.find((response) => response.status === 429)!;
    expect(await limited.json()).toMatchObject({ code: ErrorCode.rateLimited });
    expect((await call(keyA, 'GET', '/api/v1/committees')).status).toBe(200);
  });
});
