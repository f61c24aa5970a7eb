import jwt, { type Secret } from 'jsonwebtoken';
import { ErrorCode, JoinClaims } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

const ALGORITHM = 'HS256';
const AUDIENCE = 'join';

export interface JoinTokenSubject {
  participantId: string;
  roomId: string;
  caseId: string;
  caseNumber: string;
  role: JoinClaims['role'];
  displayName: string;
  /** The person's link generation (0 when absent): raised when their link is issued anew. */
  linkGeneration?: number;
}

export function signJoinToken(secret: Secret, subject: JoinTokenSubject, ttlSeconds: number): string {
  return jwt.sign(
    { roomId: subject.roomId, caseId: subject.caseId, caseNumber: subject.caseNumber, role: subject.role, name: subject.displayName, gen: subject.linkGeneration ?? 0 },
    secret,
    { algorithm: ALGORITHM, subject: subject.participantId, audience: AUDIENCE, expiresIn: ttlSeconds },
  );
}

/**
 * Verifies a join token for `roomId`; every refusal is an AppError with its own code
 * (expired, malformed, bad signature, another room).
 */
export function verifyJoinToken(secret: Secret, token: unknown, roomId: unknown): JoinClaims {
  const claims = verifyJoinTokenOfAnyRoom(secret, token);
  if (claims.roomId !== roomId) {
    throw new AppError(ErrorCode.tokenWrongRoom, 'This join link is for another room.');
  }
  return claims;
}

/** Verifies a join token whatever room it names (the caller checks what it may reach). */
export function verifyJoinTokenOfAnyRoom(secret: Secret, token: unknown): JoinClaims {
  if (typeof token !== 'string' || token.length === 0) {
    throw new AppError(ErrorCode.tokenMissing, 'The join link carries no token.');
  }
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], audience: AUDIENCE });
  } catch (error) {
    throw refusal(error);
  }
  const claims = JoinClaims.safeParse(payload);
  if (!claims.success) throw new AppError(ErrorCode.tokenMalformed, 'The join token has unexpected contents.');
  return claims.data;
}

function refusal(error: unknown): AppError {
  if (error instanceof jwt.TokenExpiredError) {
    return new AppError(ErrorCode.tokenExpired, 'The join link has expired; ask the mediator for a new one.');
  }
  if (error instanceof jwt.JsonWebTokenError && error.message === 'invalid signature') {
    return new AppError(ErrorCode.tokenBadSignature, 'The join link was not issued by this service.');
  }
  return new AppError(ErrorCode.tokenMalformed, 'The join link is damaged or incomplete.');
}
