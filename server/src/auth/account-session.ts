import jwt, { type Secret } from 'jsonwebtoken';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

const AUDIENCE = 'account';
export const SESSION_COOKIE = 'mediation_session';
export const SESSION_TTL_SECONDS = 12 * 3600;

/** Who a session token names: the account, and the server's record of the sign-in. */
export interface AccountSessionClaims {
  accountId: string;
  sessionId: string;
}

/**
 * A signed-in committee account's session token (kept in an HttpOnly cookie). The
 * signature alone does not make it valid: the session it names must be live on the
 * server (store/account-session-store.ts), so that signing out ends it.
 */
export function signAccountSession(secret: Secret, claims: AccountSessionClaims, expiresAt: Date): string {
  return jwt.sign({ exp: Math.floor(expiresAt.getTime() / 1000) }, secret, {
    algorithm: 'HS256',
    subject: claims.accountId,
    audience: AUDIENCE,
    jwtid: claims.sessionId,
  });
}

/**
 * The claims of a session token whose signature verifies. `ignoreExpiration` is for
 * signing out, which ends a session whatever its age.
 */
export function verifyAccountSession(
  secret: Secret,
  token: string | undefined,
  { ignoreExpiration = false } = {},
): AccountSessionClaims {
  if (!token) throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], audience: AUDIENCE, ignoreExpiration });
    if (typeof payload === 'object' && typeof payload.sub === 'string' && typeof payload.jti === 'string') {
      return { accountId: payload.sub, sessionId: payload.jti };
    }
  } catch {
    // Any failure below means the same thing to the user: sign in again.
  }
  throw new AppError(ErrorCode.unauthenticated, 'Your sign-in has expired; please sign in again.');
}
