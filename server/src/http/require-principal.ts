import type { KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { ErrorCode } from '@mediation/shared';
import { verifyJoinTokenOfAnyRoom } from '../auth/join-token.js';
import { AppError } from '../errors/app-error.js';
import type { Principal } from '../policy/policy.js';
import type { AccountRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { requireAccount } from './require-account.js';

/**
 * Who a request comes from: a participant, by their join link's token as Bearer (its link
 * not revoked), or a committee account, by its session. Neither is UNAUTHENTICATED; what
 * they may reach is the policy's to decide.
 */
export async function requirePrincipal(req: Request, store: Store, secret: KeyObject): Promise<Principal> {
  const header = req.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  if (bearer && isJoinToken(secret, bearer)) {
    const claims = verifyJoinTokenOfAnyRoom(secret, bearer);
    const participant = await store.findParticipant(claims.sub);
    if (!participant || participant.revokedAt || participant.sessionId !== claims.roomId) {
      throw new AppError(ErrorCode.unauthenticated, 'This join link is no longer valid.');
    }
    return { kind: 'participant', participantId: participant.id, caseId: participant.caseId, role: participant.role, name: participant.displayName };
  }
  return principalOfAccount(await requireAccount(req, store, secret));
}

export function principalOfAccount(account: AccountRecord): Principal {
  return { kind: 'account', accountId: account.id, committeeId: account.committeeId, name: account.displayName };
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
