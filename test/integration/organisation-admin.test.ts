import fs from 'node:fs';
import {
  AccountAuditType,
  ErrorCode,
  organisationRoutes,
  pathOf,
  type AccountAuditPage,
  type AccountInfo,
  type AccountSummary,
  type ApiKeySummary,
  type CommitteeSummary,
  type CreatedApiKey,
  type RegionSummary,
} from '@mediation/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../server/src/organisation/api-key-secret.js';
import { certificateFiles } from '../../server/src/signing/certificates/certificate-files.js';
import { waitUntil } from '../support/headless-participant.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

const PASSWORD = TEST_MEDIATOR.password;
const NEW_PASSWORD = 'a long enough passphrase';
const DEVICE = 'organisation-admin-test/1.0';

let service: TestService;

let nextAddress = 1;
/** Sign-ins are throttled per source address: each comes from one of its own (the service trusts X-Forwarded-For from loopback). */
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function signInResponse(email: string, password = PASSWORD): Promise<Response> {
  return fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress(), 'user-agent': DEVICE },
    body: JSON.stringify({ email, password }),
  });
}

/** The session cookie of a successful sign-in. */
async function signIn(email: string, password = PASSWORD): Promise<string> {
  const response = await signInResponse(email, password);
  expect(response.status, `signing in as ${email}`).toBe(200);
  return response.headers.getSetCookie().find((line) => line.startsWith('mediation_session='))!.split(';')[0]!;
}

interface Answer<T> {
  status: number;
  body: T;
}

/** Calls the API as the holder of `cookie` (or nobody) and reads the JSON answer. */
async function call<T = unknown>(cookie: string | null, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { ...(cookie && { cookie }), 'user-agent': DEVICE, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T };
}

const get = <T>(cookie: string | null, path: string) => call<T>(cookie, 'GET', path);
const post = <T>(cookie: string | null, path: string, body?: unknown) => call<T>(cookie, 'POST', path, body);

/** Asks for something and expects it: its answer's body. */
async function expectOk<T>(answer: Promise<Answer<T>>, status = 200): Promise<T> {
  const { status: actual, body } = await answer;
  expect(actual, JSON.stringify(body)).toBe(status);
  return body;
}

async function expectRefused(answer: Promise<Answer<unknown>>, code: ErrorCode): Promise<string> {
  const { body } = await answer;
  expect(body).toMatchObject({ code });
  return (body as { message: string }).message;
}

/** Everything an administrator of the province can count: nothing of it may change when a request is refused. */
async function snapshot(cookie: string) {
  const [regions, committees, accounts, keys, audit] = await Promise.all([
    get<RegionSummary[]>(cookie, '/api/organisation/regions'),
    get<CommitteeSummary[]>(cookie, '/api/organisation/committees'),
    get<AccountSummary[]>(cookie, '/api/organisation/accounts'),
    get<ApiKeySummary[]>(cookie, '/api/organisation/api-keys'),
    get<AccountAuditPage>(cookie, '/api/organisation/audit?limit=1'),
  ]);
  return { regions: regions.body, committees: committees.body, accounts: accounts.body, keys: keys.body, lastAudit: audit.body.entries[0]?.sequence };
}

let admin: string;
let province: RegionSummary;
let city: RegionSummary;
let county: RegionSummary;
let township: RegionSummary;
let otherCounty: RegionSummary;
let committee: CommitteeSummary;
let otherCommittee: CommitteeSummary;
let staff: AccountSummary;
let mediator: AccountSummary;
let createdKey: CreatedApiKey;

beforeAll(async () => {
  service = await startTestService();
  admin = await signIn('admin@test.example');
}, 60_000);

afterAll(() => service?.stop());

describe('an administrator of the province', () => {
  it('adds a city, a county and a township, each one level below its parent', async () => {
    const regions = await expectOk(get<RegionSummary[]>(admin, '/api/organisation/regions'));
    province = regions.find((region) => region.parentId === null)!;
    expect(province).toMatchObject({ id: 'region-root', level: 'province' });

    city = await expectOk(post<RegionSummary>(admin, '/api/organisation/regions', { parentId: province.id, name: '昆明市', code: '530100' }), 201);
    county = await expectOk(post<RegionSummary>(admin, '/api/organisation/regions', { parentId: city.id, name: '五华区', code: '530102' }), 201);
    township = await expectOk(post<RegionSummary>(admin, '/api/organisation/regions', { parentId: county.id, name: '华山街道' }), 201);
    otherCounty = await expectOk(post<RegionSummary>(admin, '/api/organisation/regions', { parentId: city.id, name: '盘龙区' }), 201);

    expect([city.level, county.level, township.level]).toEqual(['city', 'county', 'township']);
    expect(township).toMatchObject({ parentId: county.id, code: '', path: `${province.path}${city.id}/${county.id}/${township.id}/` });
    const listed = await expectOk(get<RegionSummary[]>(admin, '/api/organisation/regions'));
    expect(listed.map((region) => region.id)).toEqual(expect.arrayContaining([city.id, county.id, township.id, otherCounty.id]));
  });

  it('cannot add a region below a township, which is the lowest level, and nothing changes', async () => {
    const before = await snapshot(admin);
    const message = await expectRefused(post(admin, '/api/organisation/regions', { parentId: township.id, name: '某村' }), ErrorCode.validationFailed);
    expect(message).toMatch(/township is the lowest level/);
    expect(await snapshot(admin)).toEqual(before);
  });

  it('adds a committee, whose signing certificate is made at once', async () => {
    committee = await expectOk(post<CommitteeSummary>(admin, '/api/organisation/committees', { regionId: county.id, name: '华山社区人民调解委员会', kind: 'neighbourhood' }), 201);
    otherCommittee = await expectOk(post<CommitteeSummary>(admin, '/api/organisation/committees', { regionId: otherCounty.id, name: '盘龙区医疗纠纷人民调解委员会', kind: 'medical' }), 201);
    expect(committee).toMatchObject({ regionId: county.id, regionName: '五华区', kind: 'neighbourhood' });

    const listed = await expectOk(get<CommitteeSummary[]>(admin, `/api/organisation/committees?regionId=${county.id}`));
    expect(listed.map((c) => c.id)).toEqual([committee.id]);
    await waitUntil(() => fs.existsSync(certificateFiles(service.dataDir).committeeP12(committee.id)), 30_000);
  });

  it('adds staff and a mediator to the committee; the list never shows a password hash', async () => {
    staff = await expectOk(
      post<AccountSummary>(admin, '/api/organisation/accounts', { role: 'staff', committeeId: committee.id, email: 'Zhang.Li@Example.cn', displayName: '张丽', password: NEW_PASSWORD }),
      201,
    );
    mediator = await expectOk(
      post<AccountSummary>(admin, '/api/organisation/accounts', { role: 'mediator', committeeId: committee.id, email: 'zhao.gang@example.cn', displayName: '赵刚', password: NEW_PASSWORD }),
      201,
    );
    expect(staff).toMatchObject({ email: 'zhang.li@example.cn', role: 'staff', committeeId: committee.id, regionId: null, placeName: committee.name, disabledAt: null });

    const accounts = await expectOk(get<AccountSummary[]>(admin, '/api/organisation/accounts'));
    expect(accounts.map((account) => account.email)).toEqual(expect.arrayContaining(['zhang.li@example.cn', 'zhao.gang@example.cn', 'admin@test.example']));
    expect(JSON.stringify(accounts)).not.toMatch(/scrypt|passwordHash/);
  });

  it('refuses a second account with the same email with CONFLICT, and nothing changes', async () => {
    const before = await snapshot(admin);
    const message = await expectRefused(
      post(admin, '/api/organisation/accounts', { role: 'mediator', committeeId: committee.id, email: 'ZHAO.GANG@example.cn', displayName: '另一个', password: NEW_PASSWORD }),
      ErrorCode.conflict,
    );
    expect(message).toMatch(/already exists/);
    expect(await snapshot(admin)).toEqual(before);
  });

  it('makes an API key shown once; the store keeps only its hash and first characters', async () => {
    createdKey = await expectOk(post<CreatedApiKey>(admin, '/api/organisation/api-keys', { name: '12348 平台', regionId: city.id }), 201);
    expect(createdKey.key).toMatch(/^mrk_[A-Za-z0-9_-]{43}$/);
    expect(createdKey.keyPrefix).toBe(createdKey.key.slice(0, 10));

    const listed = await expectOk(get<ApiKeySummary[]>(admin, '/api/organisation/api-keys'));
    expect(listed.find((key) => key.id === createdKey.id)).toMatchObject({ regionName: '昆明市', revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(createdKey.key);

    const stored = await service.store.findApiKeyByHash(hashApiKey(createdKey.key));
    expect(stored).toMatchObject({ id: createdKey.id, keyHash: hashApiKey(createdKey.key), keyPrefix: createdKey.keyPrefix });
    expect(JSON.stringify(stored)).not.toContain(createdKey.key);
  });

  it('revokes an API key; revoking it again changes nothing', async () => {
    const revoked = await expectOk(post<ApiKeySummary>(admin, `/api/organisation/api-keys/${createdKey.id}/revoke`));
    expect(revoked.revokedAt).not.toBeNull();
    const again = await expectOk(post<ApiKeySummary>(admin, `/api/organisation/api-keys/${createdKey.id}/revoke`));
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect((await service.store.findApiKeyByHash(hashApiKey(createdKey.key)))?.revokedAt).toBe(revoked.revokedAt);
  });

  it('is told their region’s name when asked who is signed in', async () => {
    const me = await expectOk(get<AccountInfo>(admin, '/api/auth/me'));
    expect(me).toMatchObject({ role: 'administrator', committeeId: null, committeeName: null, regionId: province.id, regionName: province.name });
  });
});

describe('bad input', () => {
  const invalid: [string, string, unknown][] = [
    ['a password shorter than 12 characters', '/api/organisation/accounts', { role: 'staff', committeeId: 'x', email: 'a@example.cn', displayName: 'A', password: 'elevenchars' }],
    ['an email that is not one', '/api/organisation/accounts', { role: 'staff', committeeId: 'x', email: 'not-an-email', displayName: 'A', password: NEW_PASSWORD }],
    ['an unknown role', '/api/organisation/accounts', { role: 'owner', committeeId: 'x', email: 'a@example.cn', displayName: 'A', password: NEW_PASSWORD }],
    ['an administrator without a region', '/api/organisation/accounts', { role: 'administrator', committeeId: 'x', email: 'a@example.cn', displayName: 'A', password: NEW_PASSWORD }],
    ['an unknown committee kind', '/api/organisation/committees', { regionId: 'region-root', name: 'C', kind: 'chess-club' }],
    ['a committee name of 101 characters', '/api/organisation/committees', { regionId: 'region-root', name: '委'.repeat(101), kind: 'labour' }],
    ['a region code that is not digits', '/api/organisation/regions', { parentId: 'region-root', name: 'R', code: 'DROP TABLE' }],
    ['a region without a name', '/api/organisation/regions', { parentId: 'region-root', name: '   ' }],
    ['an API key without a region', '/api/organisation/api-keys', { name: 'K' }],
  ];

  it.each(invalid)('%s is VALIDATION_FAILED with a message, and nothing changes', async (_, path, body) => {
    const before = await snapshot(admin);
    const message = await expectRefused(post(admin, path, body), ErrorCode.validationFailed);
    expect(message.length).toBeGreaterThan(0);
    expect(await snapshot(admin)).toEqual(before);
  });

  it('an audit page larger than the largest allowed is VALIDATION_FAILED', async () => {
    await expectRefused(get(admin, '/api/organisation/audit?limit=100000'), ErrorCode.validationFailed);
    await expectRefused(get(admin, '/api/organisation/audit?before=minus-one'), ErrorCode.validationFailed);
  });

  it('a place that does not exist is NOT_FOUND', async () => {
    await expectRefused(post(admin, '/api/organisation/regions', { parentId: 'no-such-region', name: 'R' }), ErrorCode.notFound);
    await expectRefused(post(admin, '/api/organisation/accounts', { role: 'staff', committeeId: 'no-such-committee', email: 'b@example.cn', displayName: 'B', password: NEW_PASSWORD }), ErrorCode.notFound);
    await expectRefused(post(admin, '/api/organisation/accounts/no-such-account/disable'), ErrorCode.notFound);
  });
});

describe('an administrator of a county', () => {
  let countyAdmin: string;

  beforeAll(async () => {
    await expectOk(
      post(admin, '/api/organisation/accounts', { role: 'administrator', regionId: county.id, email: 'wuhua.admin@example.cn', displayName: '五华区管理员', password: NEW_PASSWORD }),
      201,
    );
    countyAdmin = await signIn('wuhua.admin@example.cn', NEW_PASSWORD);
  });

  it('sees only their county and what lies below it', async () => {
    const regions = await expectOk(get<RegionSummary[]>(countyAdmin, '/api/organisation/regions'));
    expect(regions.map((region) => region.id).sort()).toEqual([county.id, township.id].sort());
    const committees = await expectOk(get<CommitteeSummary[]>(countyAdmin, '/api/organisation/committees'));
    expect(committees.map((c) => c.id)).toEqual([committee.id]);
    const accounts = await expectOk(get<AccountSummary[]>(countyAdmin, '/api/organisation/accounts'));
    expect(accounts.map((account) => account.email).sort()).toEqual(['wuhua.admin@example.cn', 'zhang.li@example.cn', 'zhao.gang@example.cn']);
    expect(await expectOk(get<ApiKeySummary[]>(countyAdmin, '/api/organisation/api-keys'))).toEqual([]);
    const audit = await expectOk(get<AccountAuditPage>(countyAdmin, '/api/organisation/audit?limit=200'));
    expect(audit.entries.some((entry) => entry.data.regionId === otherCounty.id || entry.committeeId === otherCommittee.id)).toBe(false);
    expect(audit.entries.some((entry) => entry.type === AccountAuditType.committeeCreated && entry.committeeId === committee.id)).toBe(true);
  });

  it('is told another county’s places, and those above their own, do not exist', async () => {
    const before = await snapshot(admin);
    await expectRefused(get(countyAdmin, `/api/organisation/committees?regionId=${otherCounty.id}`), ErrorCode.notFound);
    await expectRefused(get(countyAdmin, `/api/organisation/committees?regionId=${city.id}`), ErrorCode.notFound);
    await expectRefused(post(countyAdmin, '/api/organisation/regions', { parentId: otherCounty.id, name: '某街道' }), ErrorCode.notFound);
    await expectRefused(post(countyAdmin, '/api/organisation/regions', { parentId: city.id, name: '某区' }), ErrorCode.notFound);
    await expectRefused(post(countyAdmin, '/api/organisation/committees', { regionId: otherCounty.id, name: '某委员会', kind: 'labour' }), ErrorCode.notFound);
    await expectRefused(
      post(countyAdmin, '/api/organisation/accounts', { role: 'mediator', committeeId: otherCommittee.id, email: 'x@example.cn', displayName: 'X', password: NEW_PASSWORD }),
      ErrorCode.notFound,
    );
    await expectRefused(
      post(countyAdmin, '/api/organisation/accounts', { role: 'administrator', regionId: city.id, email: 'x@example.cn', displayName: 'X', password: NEW_PASSWORD }),
      ErrorCode.notFound,
    );
    const provinceAdmin = (await expectOk(get<AccountSummary[]>(admin, '/api/organisation/accounts'))).find((account) => account.email === 'admin@test.example')!;
    await expectRefused(post(countyAdmin, `/api/organisation/accounts/${provinceAdmin.id}/disable`), ErrorCode.notFound);
    await expectRefused(post(countyAdmin, '/api/organisation/api-keys', { name: 'K', regionId: province.id }), ErrorCode.notFound);
    await expectRefused(post(countyAdmin, `/api/organisation/api-keys/${createdKey.id}/revoke`), ErrorCode.notFound);
    expect(await snapshot(admin)).toEqual(before);
  });

  it('may not make another administrator of their own county (FORBIDDEN), but may one of a township below it', async () => {
    await expectRefused(
      post(countyAdmin, '/api/organisation/accounts', { role: 'administrator', regionId: county.id, email: 'peer@example.cn', displayName: 'Peer', password: NEW_PASSWORD }),
      ErrorCode.forbidden,
    );
    await expectOk(
      post(countyAdmin, '/api/organisation/accounts', { role: 'administrator', regionId: township.id, email: 'huashan.admin@example.cn', displayName: '华山街道管理员', password: NEW_PASSWORD }),
      201,
    );
  });
});

/** A request to each organisation route that passes validation, so that only the caller decides the answer. */
const VALID_REQUESTS: { [name in keyof typeof organisationRoutes]: () => { params?: Record<string, string>; body?: unknown } } = {
  listRegions: () => ({}),
  createRegion: () => ({ body: { parentId: county.id, name: '新街道' } }),
  listCommittees: () => ({}),
  createCommittee: () => ({ body: { regionId: county.id, name: '新委员会', kind: 'village' } }),
  listAccounts: () => ({}),
  createAccount: () => ({ body: { role: 'mediator', committeeId: committee.id, email: 'someone@example.cn', displayName: 'S', password: NEW_PASSWORD } }),
  disableAccount: () => ({ params: { accountId: staff.id } }),
  enableAccount: () => ({ params: { accountId: staff.id } }),
  listApiKeys: () => ({}),
  createApiKey: () => ({ body: { name: 'K', regionId: county.id } }),
  revokeApiKey: () => ({ params: { keyId: createdKey.id } }),
  listAccountAudit: () => ({}),
};

describe('everyone but an administrator', () => {
  const routes = Object.entries(organisationRoutes) as [keyof typeof organisationRoutes, (typeof organisationRoutes)[keyof typeof organisationRoutes]][];
  const ask = (cookie: string | null, name: keyof typeof organisationRoutes) => {
    const route = organisationRoutes[name];
    const { params, body } = VALID_REQUESTS[name]();
    return call(cookie, route.method === 'get' ? 'GET' : 'POST', pathOf(route, params), body);
  };

  it('staff and mediators are FORBIDDEN on every organisation route, and nothing changes', async () => {
    const before = await snapshot(admin);
    for (const email of ['staff@test.example', 'mediator@test.example']) {
      const cookie = await signIn(email);
      for (const [name] of routes) expect(await ask(cookie, name), `${email} ${name}`).toMatchObject({ status: 403, body: { code: ErrorCode.forbidden } });
    }
    const after = await snapshot(admin);
    expect({ ...after, lastAudit: undefined }).toEqual({ ...before, lastAudit: undefined });
    // Their own sign-ins are logged; nothing else is.
    const newer = await expectOk(get<AccountAuditPage>(admin, `/api/organisation/audit?limit=200`));
    expect(newer.entries.filter((entry) => entry.sequence > before.lastAudit!).map((entry) => entry.type)).toEqual([AccountAuditType.signedIn, AccountAuditType.signedIn]);
  });

  it('anyone not signed in is UNAUTHENTICATED on every organisation route', async () => {
    for (const [name] of routes) expect(await ask(null, name), name).toMatchObject({ status: 401, body: { code: ErrorCode.unauthenticated } });
  });
});

describe('disabling an account', () => {
  it('ends its sessions for good and refuses its sign-in until it is enabled again', async () => {
    const session = await signIn('zhao.gang@example.cn', NEW_PASSWORD);
    expect((await get(session, '/api/cases')).status).toBe(200);

    const disabled = await expectOk(post<AccountSummary>(admin, `/api/organisation/accounts/${mediator.id}/disable`));
    expect(disabled.disabledAt).not.toBeNull();
    await expectRefused(get(session, '/api/auth/me'), ErrorCode.unauthenticated);
    await expectRefused(get(session, '/api/cases'), ErrorCode.unauthenticated);
    const refused = await signInResponse('zhao.gang@example.cn', NEW_PASSWORD);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: ErrorCode.accountDisabled });
    // The wrong password is still only a wrong password: nothing tells a stranger the account is disabled.
    expect(await (await signInResponse('zhao.gang@example.cn', 'not the password at all')).json()).toMatchObject({ code: ErrorCode.invalidCredentials });

    const enabled = await expectOk(post<AccountSummary>(admin, `/api/organisation/accounts/${mediator.id}/enable`));
    expect(enabled.disabledAt).toBeNull();
    // The sessions it had stay ended: enabling the account revives none of them.
    await expectRefused(get(session, '/api/auth/me'), ErrorCode.unauthenticated);
    const again = await signIn('zhao.gang@example.cn', NEW_PASSWORD);
    expect(await expectOk(get<AccountInfo>(again, '/api/auth/me'))).toMatchObject({ role: 'mediator', committeeId: committee.id, committeeName: committee.name, regionName: county.name });
  });

  it('is not allowed on one’s own account', async () => {
    const me = await expectOk(get<AccountInfo>(admin, '/api/auth/me'));
    await expectRefused(post(admin, `/api/organisation/accounts/${me.id}/disable`), ErrorCode.forbidden);
  });
});

describe('the account audit log', () => {
  it('records sign-ins, failed attempts, sign-outs and every administrative action, with who, when and from where', async () => {
    await signInResponse('zhang.li@example.cn', 'the wrong password, surely');
    await signInResponse('nobody@example.cn', 'the wrong password, surely');
    const staffSession = await signIn('zhang.li@example.cn', NEW_PASSWORD);
    expect((await post(staffSession, '/api/auth/sign-out')).status).toBe(204);

    const { entries } = await expectOk(get<AccountAuditPage>(admin, '/api/organisation/audit?limit=200'));
    const types = new Set(entries.map((entry) => entry.type));
    for (const type of Object.values(AccountAuditType)) expect(types, type).toContain(type);

    const failed = entries.filter((entry) => entry.type === AccountAuditType.signInFailed);
    expect(failed.some((entry) => entry.actorId === staff.id && entry.data.reason === 'wrong-password' && entry.committeeId === committee.id)).toBe(true);
    expect(failed.some((entry) => entry.data.reason === 'account-disabled' && entry.actorId === mediator.id)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('nobody@example.cn');
    expect(JSON.stringify(entries)).not.toContain('the wrong password');
    expect(JSON.stringify(entries)).not.toContain(NEW_PASSWORD);

    const signedOut = entries.find((entry) => entry.type === AccountAuditType.signedOut)!;
    expect(signedOut).toMatchObject({ actorId: staff.id, actorName: '张丽', committeeId: committee.id, device: DEVICE });
    expect(signedOut.ip).not.toBe('');
    const created = entries.find((entry) => entry.type === AccountAuditType.accountCreated && entry.data.accountId === staff.id)!;
    expect(created).toMatchObject({ actorName: '王珊 Wang Shan', device: DEVICE, data: { email: 'zhang.li@example.cn', role: 'staff' } });
  });

  it('is read page by page, newest first', async () => {
    const first = await expectOk(get<AccountAuditPage>(admin, '/api/organisation/audit?limit=3'));
    expect(first.entries).toHaveLength(3);
    expect(first.nextBefore).toBe(first.entries[2]!.sequence);
    const second = await expectOk(get<AccountAuditPage>(admin, `/api/organisation/audit?limit=3&before=${first.nextBefore}`));
    expect(second.entries[0]!.sequence).toBeLessThan(first.nextBefore!);
    const sequences = [...first.entries, ...second.entries].map((entry) => entry.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
  });
});
