import type { CaseOutcome, CaseStatus } from '@mediation/shared';
import type { AuditActor, AuditEntryInput } from '../audit/audit-entry.js';

/**
 * Something that changes a case on the desk (a CaseEvent), with what it brings and who did
 * it. The store applies it in one transaction: it runs the state machine on the status it
 * reads there, and writes the change and its audit entry together.
 */
export type DeskAction = { at: string; actor: AuditActor } & (
  | { kind: 'schedule'; scheduledAt: string }
  | { kind: 'record-outcome'; outcome: CaseOutcome; note: string }
  | { kind: 'room-opened' }
  | { kind: 'agreement-issued' }
);

/** What applying a desk action did. */
export type DeskActionResult =
  | { kind: 'changed'; from: CaseStatus; to: CaseStatus }
  | { kind: 'unchanged'; status: CaseStatus }
  | { kind: 'refused'; status: CaseStatus; reason: string }
  | { kind: 'no-such-case' };

/** The audit entry of an action that moved a case from `from` to `to`. */
export function deskActionEntry(caseId: string, action: DeskAction, from: CaseStatus, to: CaseStatus): AuditEntryInput {
  const base = { caseId, at: action.at, actor: action.actor };
  switch (action.kind) {
    case 'schedule':
      return { ...base, type: 'case.scheduled', data: { scheduledAt: action.scheduledAt, from } };
    case 'record-outcome':
      return { ...base, type: 'case.outcome-recorded', data: { outcome: action.outcome, note: action.note, from } };
    case 'room-opened':
    case 'agreement-issued':
      return { ...base, type: 'case.status-changed', data: { from, to, cause: action.kind } };
  }
}
