import type { KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { ErrorCode } from '@mediation/shared';
import { verifyJoinTokenOfAnyRoom } from '../auth/join-token.js';
import { AppError } from '../errors/app-error.js';
import { hashApiKey, isApiKeyShaped } from '../organisation/api-key-secret.js';
import type { ApiKeyPrincipal, Principal } from '../policy/policy.js';
import type { Store } from '../store/store.js';
import { requireAccountPrincipal } from './require-account.js';

function bearerOf(req: Request): string | undefined {
  const header = req.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/**
 * Who a request comes from: a participant, by their join link's token as Bearer (its link
 * not revoked), a platform by its API key as Bearer, or an account by its session. None is
 * UNAUTHENTICATED; what they may reach is the policy's to decide.
 */
export async function requirePrincipal(req: Request, store: Store, secret: KeyObject): Promise<Principal> {
  const bearer = bearerOf(req);
  if (bearer && isApiKeyShaped(bearer)) return requireApiKey(req, store);
  if (bearer && isJoinToken(secret, bearer)) {
    const claims = verifyJoinTokenOfAnyRoom(secret, bearer);
    const participant = await store.findParticipant(claims.sub);
    if (!participant || participant.revokedAt || participant.sessionId !== claims.roomId) {
      throw new AppError(ErrorCode.unauthenticated, 'This join link is no longer valid.');
    }
    return { kind: 'participant', participantId: participant.id, caseId: participant.caseId, role: participant.role, name: participant.displayName };
  }
  return (await requireAccountPrincipal(req, store, secret))[1];
}

/** The platform whose API key the request carries, or UNAUTHENTICATED (none, unknown or revoked). */
export async function requireApiKey(req: Request, store: Store): Promise<ApiKeyPrincipal> {
  const bearer = bearerOf(req);
  const key = bearer && isApiKeyShaped(bearer) ? await store.findApiKeyByHash(hashApiKey(bearer)) : undefined;
  if (!key || key.revokedAt !== null) throw new AppError(ErrorCode.unauthenticated, 'A valid API key is needed (Authorization: Bearer mrk_…).');
  return { kind: 'api-key', keyId: key.id, name: key.name, regionId: key.regionId, regionPath: key.regionPath };
}

/** Whether a Bearer token is a valid join token (otherwise it may be an account session). */
function isJoinToken(secret: KeyObject, token: string): boolean {
  try {
    verifyJoinTokenOfAnyRoom(secret, token);
    return true;
  } catch {
    return false;
  }
}
