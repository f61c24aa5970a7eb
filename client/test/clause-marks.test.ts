import { describe, expect, it } from 'vitest';
import { isMarkOutOfDate, marksOfClause, withClauseMark } from '../src/drafting/clause-marks';
import { clauseMark } from './support/clause-mark-fixture';

describe('withClauseMark', () => {
  it('adds the first mark of a party on a clause', () => {
    expect(withClauseMark([], clauseMark({}))).toEqual([clauseMark({})]);
  });

  it('replaces the earlier mark of the same party on the same clause', () => {
    const earlier = clauseMark({ mark: 'agree' });
    const later = clauseMark({ mark: 'object', comment: 'Too late', at: '2026-01-01T10:05:00.000Z' });
    expect(withClauseMark([earlier], later)).toEqual([later]);
  });

  it('keeps the marks of other parties and of other clauses', () => {
    const other = clauseMark({ participantId: 'respondent-1', role: 'respondent' });
    const otherClause = clauseMark({ clauseId: 'clause-2' });
    const later = clauseMark({ mark: 'object', at: '2026-01-01T11:00:00.000Z' });
    expect(withClauseMark([clauseMark({}), other, otherClause], later)).toEqual([other, otherClause, later]);
  });

  it('does not let a mark that arrives late replace a newer one', () => {
    const newer = clauseMark({ mark: 'object', at: '2026-01-01T12:00:00.000Z' });
    expect(withClauseMark([newer], clauseMark({ at: '2026-01-01T11:00:00.000Z' }))).toEqual([newer]);
  });
});

describe('marksOfClause', () => {
  it('lists only the clause’s marks, applicants first', () => {
    const respondent = clauseMark({ participantId: 'r', participantName: 'Respondent B', role: 'respondent' });
    const applicant = clauseMark({});
    const elsewhere = clauseMark({ clauseId: 'clause-9' });
    expect(marksOfClause([respondent, elsewhere, applicant], 'clause-1')).toEqual([applicant, respondent]);
  });
});

describe('isMarkOutOfDate', () => {
  it('is current while the clause has the text the mark was made on', () => {
    expect(isMarkOutOfDate(clauseMark({}), 'a'.repeat(64))).toBe(false);
  });

  it('is out of date once the clause text has another hash', () => {
    expect(isMarkOutOfDate(clauseMark({}), 'b'.repeat(64))).toBe(true);
  });
});
