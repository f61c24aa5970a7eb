import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { ErrorCode, Role, type CreatedCase, type DeskPage } from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

async function signIn(password = TEST_MEDIATOR.password): Promise<Response> {
  return fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: TEST_MEDIATOR.email, password }),
  });
}

async function sessionCookie(): Promise<string> {
  const response = await signIn();
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

describe('mediator sign-in and cases', () => {
  it('a wrong password is refused with INVALID_CREDENTIALS', async () => {
    const response = await signIn('wrong');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: ErrorCode.invalidCredentials });
  });

  it('after ten attempts for one account, sign-in is refused with RATE_LIMITED, even with the right password', async () => {
    const throttled = await startTestService();
    try {
      const attempt = (password: string) =>
        fetch(`${throttled.url}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: TEST_MEDIATOR.email, password }),
        });
      // Each wrong guess costs a scrypt; they run side by side.
      const guesses = await Promise.all(Array.from({ length: 10 }, () => attempt('guess')));
      expect(guesses.map((response) => response.status)).toEqual(Array(10).fill(401));
      const refused = await attempt(TEST_MEDIATOR.password);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ code: ErrorCode.rateLimited });
    } finally {
      await throttled.stop();
    }
  }, 60_000);

  it('signing in sets an HttpOnly session that /me recognises', async () => {
    const response = await signIn();
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const me = await fetch(`${service.url}/api/auth/me`, { headers: { cookie: response.headers.get('set-cookie')!.split(';')[0]! } });
    expect(await me.json()).toMatchObject({ email: TEST_MEDIATOR.email });
  });

  it('cases cannot be listed or created without signing in', async () => {
    const list = await fetch(`${service.url}/api/cases`);
    expect(list.status).toBe(401);
    expect(await list.json()).toMatchObject({ code: ErrorCode.unauthenticated });
  });

  it('a mediator creates a case and gets one personal join link per participant', async () => {
    const cookie = await sessionCookie();
    const response = await fetch(`${service.url}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        caseNumber: '(2026) 调字第 17 号',
        title: '物业费纠纷',
        category: 'property-management',
        participants: [
          { displayName: '王芳', role: 'applicant' },
          { displayName: '某物业公司', role: 'respondent' },
          { displayName: 'Observer', role: 'observer' },
        ],
      }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedCase;
    expect(created.links.map((l) => l.role)).toEqual(['mediator', 'applicant', 'respondent', 'observer']);
    for (const link of created.links) {
      expect(link.url).toMatch(new RegExp(`^${service.url}/join/${created.roomId}#token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    }
    const list = ((await (await fetch(`${service.url}/api/cases`, { headers: { cookie } })).json()) as DeskPage).cases;
    expect(list[0]).toMatchObject({ id: created.caseId, roomId: created.roomId, caseNumber: '(2026) 调字第 17 号' });
  });

  it('a mediator fetches fresh join links of a case again, and only of an existing case', async () => {
    const cookie = await sessionCookie();
    const [latest] = ((await (await fetch(`${service.url}/api/cases`, { headers: { cookie } })).json()) as DeskPage).cases;
    const response = await fetch(`${service.url}/api/cases/${latest!.id}/links`, { headers: { cookie } });
    const again = (await response.json()) as CreatedCase;
    expect(again.roomId).toBe(latest!.roomId);
    expect(again.links.map((l) => l.role)).toEqual(['mediator', 'applicant', 'respondent', 'observer']);
    expect(again.links.slice(1).map((l) => l.displayName)).toEqual(['王芳', '某物业公司', 'Observer']);
    const missing = await fetch(`${service.url}/api/cases/no-such-case/links`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: ErrorCode.notFound });
    expect((await fetch(`${service.url}/api/cases/${latest!.id}/links`)).status).toBe(401);
  });

  it('a bad case body is refused with VALIDATION_FAILED and creates nothing', async () => {
    const cookie = await sessionCookie();
    const before = ((await (await fetch(`${service.url}/api/cases`, { headers: { cookie } })).json()) as DeskPage).cases;
    for (const body of ['{not json', JSON.stringify({ caseNumber: '', participants: [] }), JSON.stringify({ caseNumber: 'x', title: 'x', category: 'war', participants: [{ displayName: 'a', role: 'mediator' }] })]) {
      const response = await fetch(`${service.url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: ErrorCode.validationFailed });
    }
    const after = ((await (await fetch(`${service.url}/api/cases`, { headers: { cookie } })).json()) as DeskPage).cases;
    expect(after).toHaveLength(before.length);
  });

  it('/healthz reports the media workers, the node’s load and its view of Redis and the store; /metrics is for the operator only (test/integration/operator-access.test.ts)', async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({
      status: 'ok',
      mediaWorkers: 1,
      node: { id: expect.any(String), rooms: expect.any(Number), consumers: expect.any(Number), draining: false },
      redis: 'not used',
      store: 'ok',
    });
    expect((await fetch(`${service.url}/metrics`)).status).toBe(404);
  });
});

describe('checking a join link before the device check', () => {
  it('answers who a good link is for, and refuses a bad one with its own code', async () => {
    const created = await createTestCase(service);
    const link = linkOf(created, Role.applicant);
    const check = (token: string, roomId = created.roomId) =>
      fetch(`${service.url}/api/join-link/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, roomId }),
      });
    const good = await check(tokenOf(link.url));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ name: link.displayName, role: Role.applicant, caseNumber: 'T-1', caseTitle: 'Test case' });

    const claims = jwt.decode(tokenOf(link.url)) as JwtPayload;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, service.secret, { algorithm: 'HS256' });
    const forged = jwt.sign(claims, 'another secret', { algorithm: 'HS256' });
    for (const [token, roomId, code] of [
      [expired, created.roomId, ErrorCode.tokenExpired],
      [forged, created.roomId, ErrorCode.tokenBadSignature],
      [tokenOf(link.url), 'another-room', ErrorCode.tokenWrongRoom],
      ['not a token', created.roomId, ErrorCode.tokenMalformed],
    ] as const) {
      const refused = await check(token, roomId);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code });
    }
    await service.store.revokeParticipant(link.participantId, new Date().toISOString());
    expect(await (await check(tokenOf(link.url))).json()).toMatchObject({ code: ErrorCode.tokenRevoked });
  });
});
