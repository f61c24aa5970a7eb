import jwt, { type Secret } from 'jsonwebtoken';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

const AUDIENCE = 'account';
export const SESSION_COOKIE = 'mediation_session';
export const SESSION_TTL_SECONDS = 12 * 3600;

/** A signed-in committee account's session token (kept in an HttpOnly cookie). */
export function signAccountSession(secret: Secret, accountId: string): string {
  return jwt.sign({}, secret, {
    algorithm: 'HS256',
    subject: accountId,
    audience: AUDIENCE,
    expiresIn: SESSION_TTL_SECONDS,
  });
}

export function verifyAccountSession(secret: Secret, token: string | undefined): string {
  if (!token) throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], audience: AUDIENCE });
    if (typeof payload === 'object' && typeof payload.sub === 'string') return payload.sub;
  } catch {
    // Any failure below means the same thing to the user: sign in again.
  }
  throw new AppError(ErrorCode.unauthenticated, 'Your sign-in has expired; please sign in again.');
}
