import type { CaseSummary } from '@mediation/shared';
import type { CaseWithSession, ParticipantRecord } from '../store/records.js';

/** A case as the desk shows it: its people are those invited (the mediator's own place is not listed). */
export function caseSummary(found: CaseWithSession, participants: readonly ParticipantRecord[]): CaseSummary {
  return {
    id: found.id,
    caseNumber: found.caseNumber,
    title: found.title,
    category: found.category,
    createdAt: found.createdAt,
    roomId: found.sessionId,
    status: found.status,
    scheduledAt: found.scheduledAt,
    closedAt: found.closedAt,
    outcomeNote: found.outcomeNote,
    people: participants
      .filter((p) => p.accountId === null)
      .map((p) => ({ participantId: p.id, displayName: p.displayName, role: p.role, contact: p.contact ?? '', withdrawn: p.revokedAt !== null })),
    issuedAgreement: found.issued,
  };
}
