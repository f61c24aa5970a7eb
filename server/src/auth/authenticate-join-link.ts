import type { KeyObject } from 'node:crypto';
import { ErrorCode, type JoinClaims } from '@mediation/shared';
import { verifyJoinToken } from './join-token.js';
import { AppError } from '../errors/app-error.js';
import type { Store } from '../store/store.js';

/**
 * Checks a join link's token (in a socket handshake's `auth`, or asked before the device
 * check) and that the participant it names still holds a valid place in that room (links
 * can be revoked). Every refusal has its TOKEN_* code.
 */
export async function authenticateJoinLink(
  store: Store,
  secret: KeyObject,
  auth: unknown,
): Promise<JoinClaims> {
  // Whatever JSON the client put in the handshake.
  const { token, roomId } = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : {};
  const claims = verifyJoinToken(secret, token, roomId);
  const participant = await store.findParticipant(claims.sub);
  // A link issued before the person's link was issued anew is as good as revoked.
  const generation = participant?.linkGeneration ?? 0;
  if (!participant || participant.sessionId !== claims.roomId || participant.revokedAt || (claims.gen ?? 0) !== generation) {
    throw new AppError(ErrorCode.tokenRevoked, 'This join link is no longer valid.');
  }
  return claims;
}
