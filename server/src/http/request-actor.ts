import type { Request } from 'express';
import { MAX_DEVICE_LENGTH, type AuditActor } from '../audit/audit-entry.js';
import type { Principal } from '../policy/policy.js';

/** Who did something over HTTP, for the audit log: the principal (or an anonymous visitor) and where from. */
export function requestActor(req: Request, principal: Principal | null): AuditActor {
  const where = { ip: req.ip ?? '', device: String(req.get('user-agent') ?? '').slice(0, MAX_DEVICE_LENGTH) };
  if (!principal) return { participantId: 'visitor', name: '', role: 'visitor', ...where };
  if (principal.kind === 'account') return { participantId: principal.accountId, name: principal.name, role: 'account', ...where };
  if (principal.kind === 'api-key') return { participantId: principal.keyId, name: principal.name, role: 'api-key', ...where };
  return { participantId: principal.participantId, name: principal.name, role: principal.role, ...where };
}
