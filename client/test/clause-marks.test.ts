import type { ClauseMark } from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import { isMarkOutOfDate, marksOfClause, withClauseMark } from '../src/drafting/clause-marks';

function mark(overrides: Partial<ClauseMark>): ClauseMark {
  return {
    clauseId: 'clause-1',
    participantId: 'applicant-1',
    participantName: 'Applicant A',
    role: 'applicant',
    mark: 'agree',
    comment: '',
    clauseHash: 'a'.repeat(64),
    at: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('withClauseMark', () => {
  it('adds the first mark of a party on a clause', () => {
    expect(withClauseMark([], mark({}))).toEqual([mark({})]);
  });

  it('replaces the earlier mark of the same party on the same clause', () => {
    const earlier = mark({ mark: 'agree' });
    const later = mark({ mark: 'object', comment: 'Too late', at: '2026-01-01T10:05:00.000Z' });
    expect(withClauseMark([earlier], later)).toEqual([later]);
  });

  it('keeps the marks of other parties and of other clauses', () => {
    const other = mark({ participantId: 'respondent-1', role: 'respondent' });
    const otherClause = mark({ clauseId: 'clause-2' });
    const later = mark({ mark: 'object', at: '2026-01-01T11:00:00.000Z' });
    expect(withClauseMark([mark({}), other, otherClause], later)).toEqual([other, otherClause, later]);
  });

  it('does not let a mark that arrives late replace a newer one', () => {
    const newer = mark({ mark: 'object', at: '2026-01-01T12:00:00.000Z' });
    expect(withClauseMark([newer], mark({ at: '2026-01-01T11:00:00.000Z' }))).toEqual([newer]);
  });
});

describe('marksOfClause', () => {
  it('lists only the clause’s marks, applicants first', () => {
    const respondent = mark({ participantId: 'r', participantName: 'Respondent B', role: 'respondent' });
    const applicant = mark({});
    const elsewhere = mark({ clauseId: 'clause-9' });
    expect(marksOfClause([respondent, elsewhere, applicant], 'clause-1')).toEqual([applicant, respondent]);
  });
});

describe('isMarkOutOfDate', () => {
  it('is current while the clause has the text the mark was made on', () => {
    expect(isMarkOutOfDate(mark({}), 'a'.repeat(64))).toBe(false);
  });

  it('is out of date once the clause text has another hash', () => {
    expect(isMarkOutOfDate(mark({}), 'b'.repeat(64))).toBe(true);
  });
});
