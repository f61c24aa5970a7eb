import type { Request } from 'express';
import type { AccountPrincipal } from '../policy/policy.js';
import type { AccountAuditInput } from '../store/records.js';
import { requestActor } from '../http/request-actor.js';

/** Who did an administrative action and from where, as the account audit log records it. */
export type AccountAuditActor = Pick<AccountAuditInput, 'actorId' | 'actorName' | 'ip' | 'device'>;

export function accountAuditActor(req: Request, principal: AccountPrincipal): AccountAuditActor {
  const { participantId, name, ip, device } = requestActor(req, principal);
  return { actorId: participantId, actorName: name, ip, device };
}
