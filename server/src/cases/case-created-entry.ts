import type { AuditActor, AuditEntryInput } from '../audit/audit-entry.js';
import type { NewCaseRecord, ParticipantRecord } from '../store/records.js';

/** The first entry of a case's audit log: who opened it, and who was invited to it. */
export function caseCreatedEntry(record: NewCaseRecord, participants: ParticipantRecord[], actor: AuditActor): AuditEntryInput {
  return {
    caseId: record.id,
    at: record.createdAt,
    actor,
    type: 'case.created',
    data: {
      caseNumber: record.caseNumber,
      category: record.category,
      participants: participants.map((p) => ({ participantId: p.id, name: p.displayName, role: p.role })),
    },
  };
}
