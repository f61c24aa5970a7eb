import type { AuditEntryInput, AuditEvent } from '../audit/audit-entry.js';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';

/** Who came in, who was sent away, locks and ends go into the case's audit log as they happen. */
export async function recordRoomEvent(drafting: CaseDrafting, member: DraftingMember, event: AuditEvent): Promise<void> {
  await drafting.store.appendAudit(roomEventEntry(drafting, member, event));
}

/** The audit entry of a room event, for a change that writes it in its own transaction. */
export function roomEventEntry(drafting: CaseDrafting, member: DraftingMember, event: AuditEvent, at = new Date().toISOString()): AuditEntryInput {
  return { ...event, caseId: drafting.caseId, at, actor: auditActor(member) } as AuditEntryInput;
}
