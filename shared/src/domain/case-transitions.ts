import { CaseStatus, CLOSED_CASE_STATUSES } from './organisation.js';

/** How a case can end, as the mediator records it. */
export const CaseOutcome = {
  settled: CaseStatus.settled,
  notSettled: CaseStatus.notSettled,
  withdrawn: CaseStatus.withdrawn,
} as const;
export type CaseOutcome = (typeof CaseOutcome)[keyof typeof CaseOutcome];
export const CASE_OUTCOMES = Object.values(CaseOutcome) as [CaseOutcome, ...CaseOutcome[]];

/**
 * What happens to a case on the desk:
 * - `schedule`: the mediator sets (or moves) the time of its next session;
 * - `record-outcome`: the mediator records how it ended;
 * - `room-opened`: the first person came into its room;
 * - `agreement-issued`: everyone signed and the service issued the agreement.
 */
export type CaseEvent =
  | { kind: 'schedule' }
  | { kind: 'record-outcome'; outcome: CaseOutcome }
  | { kind: 'room-opened' }
  | { kind: 'agreement-issued' };

/** What an event does to a case: moves it to a status (perhaps the one it has), leaves it as it is, or is refused. */
export type CaseTransition = { kind: 'to'; status: CaseStatus } | { kind: 'unchanged' } | { kind: 'refused'; reason: string };

/** What the case holds beside its status that decides a transition. */
export interface CaseFacts {
  /** An agreement of the case has been issued. */
  agreementIssued: boolean;
}

const isClosed = (status: CaseStatus) => CLOSED_CASE_STATUSES.includes(status);

/**
 * The desk's state machine, in one place: the server applies it inside the store's
 * transaction, the client reads it to offer only what can be done.
 *
 * intake ─schedule→ scheduled ─room opened→ in-session ─outcome→ settled | not settled | withdrawn
 * (a case may be scheduled again from any open status, and its outcome recorded from any of them).
 * A closed case is not reopened. A settlement is the signed agreement: `settled` is recorded
 * only once an agreement is issued, and issuing one settles the case whatever the mediator
 * recorded before, because the parties' signatures outrank an earlier note that they did not agree.
 */
export function caseTransition(from: CaseStatus, event: CaseEvent, facts: CaseFacts): CaseTransition {
  switch (event.kind) {
    case 'schedule':
      if (isClosed(from)) return { kind: 'refused', reason: `The case is closed (${from}); a closed case gets no new session.` };
      return { kind: 'to', status: CaseStatus.scheduled };
    case 'record-outcome':
      if (isClosed(from)) return { kind: 'refused', reason: `The case is closed already (${from}).` };
      if (event.outcome === CaseOutcome.settled && !facts.agreementIssued) {
        return { kind: 'refused', reason: 'A case is settled by its signed agreement: it can be recorded as settled once the agreement is issued.' };
      }
      if (event.outcome !== CaseOutcome.settled && facts.agreementIssued) {
        return { kind: 'refused', reason: 'The case’s agreement is issued: the case is settled.' };
      }
      return { kind: 'to', status: event.outcome };
    case 'room-opened':
      return from === CaseStatus.intake || from === CaseStatus.scheduled ? { kind: 'to', status: CaseStatus.inSession } : { kind: 'unchanged' };
    case 'agreement-issued':
      return from === CaseStatus.settled ? { kind: 'unchanged' } : { kind: 'to', status: CaseStatus.settled };
  }
}

/** Whether the event would be accepted now (to offer the action, or not). */
export function caseAllows(from: CaseStatus, event: CaseEvent, facts: CaseFacts): boolean {
  return caseTransition(from, event, facts).kind !== 'refused';
}
