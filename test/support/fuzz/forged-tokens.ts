import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { TokenVariant } from './handshake-packets.js';

/** The secret the fuzzed service is started with (JWT_SECRET), so tokens can be made that it signed itself. */
export const FUZZ_JWT_SECRET = 'fuzz-only-secret-0123456789abcdef0123456789abcdef';

export interface TokenMaterial {
  /** A valid join token of a participant that no fuzzing connection uses. */
  valid: string;
  /** A valid join token of the live session's observer. */
  live: string;
  /** A participant of the live session, to claim the fuzz room in their name. */
  liveParticipantId: string;
  /** The committee account's sign-in token (audience `account`, not `join`). */
  accountSession: string;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** One join token of each variant of handshake-packets.ts. */
export function forgeTokens(material: TokenMaterial): Record<TokenVariant, string> {
  const [header, payload, signature] = material.valid.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const sign = (changes: Record<string, unknown>, secret = FUZZ_JWT_SECRET) => {
    const { exp: _exp, iat: _iat, ...rest } = { ...claims, ...changes };
    const expired = 'exp' in changes ? { exp: changes.exp } : { exp: Math.floor(Date.now() / 1000) + 3600 };
    return jwt.sign({ ...rest, ...expired }, secret, { algorithm: 'HS256', noTimestamp: true });
  };
  return {
    valid: material.valid,
    live: material.live,
    'alg-none': `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'other-secret': sign({}, 'not-the-services-secret'),
    tampered: `${header}.${base64url({ ...claims, role: 'mediator' })}.${signature}`,
    expired: sign({ exp: Math.floor(Date.now() / 1000) - 60 }),
    'unknown-participant': sign({ sub: randomUUID() }),
    'live-participant': sign({ sub: material.liveParticipantId }),
    'no-subject': sign({ sub: undefined }),
    'account-session': material.accountSession,
    'huge-name': sign({ name: '名'.repeat(10_000) }),
  };
}
