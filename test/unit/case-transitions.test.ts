import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, caseTransition, CaseStatus, CLOSED_CASE_STATUSES, type CaseEvent } from '@mediation/shared';

const OPEN = CASE_STATUSES.filter((status) => !CLOSED_CASE_STATUSES.includes(status));
const NOT_ISSUED = { agreementIssued: false };
const ISSUED = { agreementIssued: true };
const SCHEDULE: CaseEvent = { kind: 'schedule' };
const outcome = (outcome: 'settled' | 'not-settled' | 'withdrawn'): CaseEvent => ({ kind: 'record-outcome', outcome });

describe('the desk’s state machine', () => {
  it('schedules a case at intake', () => {
    expect(caseTransition(CaseStatus.intake, SCHEDULE, NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.scheduled });
  });

  it('moves the session of a scheduled case, which stays scheduled', () => {
    expect(caseTransition(CaseStatus.scheduled, SCHEDULE, NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.scheduled });
  });

  it('schedules a further session of a case in session', () => {
    expect(caseTransition(CaseStatus.inSession, SCHEDULE, NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.scheduled });
  });

  it('refuses to schedule a closed case, saying it is closed', () => {
    for (const status of CLOSED_CASE_STATUSES) {
      const refused = caseTransition(status, SCHEDULE, NOT_ISSUED);
      expect(refused).toMatchObject({ kind: 'refused' });
      expect(refused.kind === 'refused' && refused.reason).toMatch(/closed/);
    }
  });

  it('puts a case at intake in session when its room opens', () => {
    expect(caseTransition(CaseStatus.intake, { kind: 'room-opened' }, NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.inSession });
  });

  it('puts a scheduled case in session when its room opens', () => {
    expect(caseTransition(CaseStatus.scheduled, { kind: 'room-opened' }, NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.inSession });
  });

  it('leaves a case in session, or closed, as it is when its room opens again', () => {
    for (const status of [CaseStatus.inSession, ...CLOSED_CASE_STATUSES]) {
      expect(caseTransition(status, { kind: 'room-opened' }, ISSUED)).toEqual({ kind: 'unchanged' });
    }
  });

  it('records an open case as not settled or withdrawn', () => {
    for (const status of OPEN) {
      expect(caseTransition(status, outcome('not-settled'), NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.notSettled });
      expect(caseTransition(status, outcome('withdrawn'), NOT_ISSUED)).toEqual({ kind: 'to', status: CaseStatus.withdrawn });
    }
  });

  it('records an open case as settled only once its agreement is issued', () => {
    for (const status of OPEN) {
      expect(caseTransition(status, outcome('settled'), ISSUED)).toEqual({ kind: 'to', status: CaseStatus.settled });
      const refused = caseTransition(status, outcome('settled'), NOT_ISSUED);
      expect(refused.kind === 'refused' && refused.reason).toMatch(/agreement is issued/);
    }
  });

  it('refuses not settled or withdrawn for a case whose agreement is issued', () => {
    for (const status of OPEN) {
      for (const kind of ['not-settled', 'withdrawn'] as const) expect(caseTransition(status, outcome(kind), ISSUED)).toMatchObject({ kind: 'refused' });
    }
  });

  it('never reopens a closed case with another outcome', () => {
    for (const status of CLOSED_CASE_STATUSES) {
      for (const kind of ['settled', 'not-settled', 'withdrawn'] as const) {
        const refused = caseTransition(status, outcome(kind), ISSUED);
        expect(refused.kind === 'refused' && refused.reason).toMatch(/closed already/);
      }
    }
  });

  it('settles a case when its agreement is issued, from any status but settled', () => {
    for (const status of CASE_STATUSES.filter((s) => s !== CaseStatus.settled)) {
      expect(caseTransition(status, { kind: 'agreement-issued' }, ISSUED)).toEqual({ kind: 'to', status: CaseStatus.settled });
    }
    expect(caseTransition(CaseStatus.settled, { kind: 'agreement-issued' }, ISSUED)).toEqual({ kind: 'unchanged' });
  });
});
