import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@mediation/shared';
import { hashPassword } from '../../server/src/auth/password.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';
import { addCommitteeWithMediator } from '../support/add-committee.js';

let service: TestService;

/**
 * Each group of tests gets a service of its own: every attempt, a successful sign-in
 * included, spends one of the account's attempts, and the groups must not share them.
 */
function withOwnService(): void {
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());
}

let nextAddress = 1;
/** A source address no earlier attempt used (the service trusts X-Forwarded-For from loopback, as from its proxy). */
const freshAddress = () => `198.18.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

interface Attempt {
  email?: string;
  password: string;
  from?: string;
  cookie?: string;
}

function signIn({ email = TEST_MEDIATOR.email, password, from = freshAddress(), cookie }: Attempt): Promise<Response> {
  return fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(cookie && { cookie }) },
    body: JSON.stringify({ email, password }),
  });
}

/** name=value of each cookie a response sets. */
function cookiesOf(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((line) => line.split(';')[0]!).map((pair) => [pair.slice(0, pair.indexOf('=')), pair]));
}

const me = (cookie: string) => fetch(`${service.url}/api/auth/me`, { headers: { cookie } });
const signOut = (cookie: string) => fetch(`${service.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie } });

describe('signing out', () => {
  withOwnService();
  it('ends the session on the server: a copy of the old cookie is refused afterwards', async () => {
    const session = cookiesOf(await signIn({ password: TEST_MEDIATOR.password })).get('mediation_session')!;
    expect((await me(session)).status).toBe(200);
    const copied = session;

    expect((await signOut(session)).status).toBe(204);

    const refused = await me(copied);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: ErrorCode.unauthenticated });
    expect((await fetch(`${service.url}/api/cases`, { headers: { cookie: copied } })).status).toBe(401);
    const token = copied.slice('mediation_session='.length);
    expect((await fetch(`${service.url}/api/cases`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('ends only its own session: the same account signed in elsewhere stays signed in', async () => {
    const laptop = cookiesOf(await signIn({ password: TEST_MEDIATOR.password })).get('mediation_session')!;
    const phone = cookiesOf(await signIn({ password: TEST_MEDIATOR.password })).get('mediation_session')!;
    await signOut(laptop);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(200);
  });

  it('with a cookie that is not a session of ours answers 204 and changes nothing', async () => {
    expect((await signOut('mediation_session=not.a.token')).status).toBe(204);
  });
});

describe('the sign-in throttle', () => {
  withOwnService();
  it('a stranger who spends the account’s attempts does not lock out the mediator on a known device', async () => {
    const first = await signIn({ password: TEST_MEDIATOR.password, from: '203.0.113.10' });
    const device = cookiesOf(first).get('mediation_device');
    expect(device).toBeDefined();
    expect(first.headers.getSetCookie().find((line) => line.startsWith('mediation_device='))).toMatch(/HttpOnly/i);

    // The stranger guesses from ever new addresses until the account has no attempts left
    // (the mediator's sign-in above spent one of its ten).
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push((await signIn({ password: `guess ${i}` })).status);
    expect(guesses).toEqual([...Array<number>(9).fill(401), 429]);
    const locked = await signIn({ password: TEST_MEDIATOR.password });
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: ErrorCode.rateLimited });

    // The mediator's own browser, even from the stranger's last address, is counted per device.
    const mediator = await signIn({ password: TEST_MEDIATOR.password, from: '203.0.113.10', cookie: device });
    expect(mediator.status).toBe(200);
    expect(await mediator.json()).toMatchObject({ email: TEST_MEDIATOR.email });
  });

  it('a known-device cookie of another account, or a forged one, does not exempt an attempt from the account’s limit', async () => {
    const throttled = await startTestService();
    try {
      const attempt = (password: string, cookie?: string) =>
        fetch(`${throttled.url}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress(), ...(cookie && { cookie }) },
          body: JSON.stringify({ email: TEST_MEDIATOR.email, password }),
        });
      // A real known-device cookie, from the other account's own sign-in.
      const now = new Date().toISOString();
      await addCommitteeWithMediator(throttled.store, { id: 'other-committee', name: 'Other committee', createdAt: now }, { id: 'other-account', email: 'other@test.example', displayName: 'Other', passwordHash: await hashPassword('other password') });
      const other = await fetch(`${throttled.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
        body: JSON.stringify({ email: 'other@test.example', password: 'other password' }),
      });
      const othersDevice = cookiesOf(other).get('mediation_device')!;
      const forged = 'mediation_device=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvdGhlciJ9.c2lnbmF0dXJl';
      for (let i = 0; i < 10; i++) expect((await attempt(`guess ${i}`, i % 2 ? forged : othersDevice)).status).toBe(401);
      expect((await attempt(TEST_MEDIATOR.password, othersDevice)).status).toBe(429);
      expect((await attempt(TEST_MEDIATOR.password, forged)).status).toBe(429);
    } finally {
      await throttled.stop();
    }
  });
});

describe('an email without an account', () => {
  withOwnService();
  it('is answered exactly as a wrong password is: same status, code and message, and no cookie', async () => {
    const wrongPassword = await signIn({ password: 'not the password' });
    const unknownEmail = await signIn({ email: 'nobody-here@test.example', password: 'not the password' });
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(await unknownEmail.json()).toEqual(await wrongPassword.json());
    expect(unknownEmail.headers.getSetCookie()).toEqual([]);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('spends attempts as an account does: the eleventh is refused in the same way', async () => {
    const email = 'also-nobody@test.example';
    for (let i = 0; i < 10; i++) expect((await signIn({ email, password: `guess ${i}` })).status).toBe(401);
    const refused = await signIn({ email, password: 'guess' });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: ErrorCode.rateLimited });
  });
});
