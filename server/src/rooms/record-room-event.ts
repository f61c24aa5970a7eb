import type { AuditEntryInput, AuditEvent } from '../audit/audit-entry.js';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';

/** Who came in, who was sent away, locks and ends go into the case's audit log as they happen. */
export async function recordRoomEvent(drafting: CaseDrafting, member: DraftingMember, event: AuditEvent): Promise<void> {
  await drafting.store.appendAudit({ ...event, caseId: drafting.caseId, at: new Date().toISOString(), actor: auditActor(member) } as AuditEntryInput);
}
