import type { CreateCaseInput, CreatedCase } from '@mediation/shared';
import { TEST_MEDIATOR } from '../start-test-service.js';

/**
 * The test mediator's sign-in cookie. Taken once before the fuzzing: sign-in attempts are
 * throttled per address, and the fuzzing spends them.
 */
export async function signInCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_MEDIATOR),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** The session token inside the cookie (`mediation_session=<token>`). */
export function sessionTokenOf(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1);
}

export async function createCaseAs(baseUrl: string, cookie: string, request: CreateCaseInput): Promise<CreatedCase> {
  const response = await fetch(`${baseUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`creating a case failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedCase;
}
