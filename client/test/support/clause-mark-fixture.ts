import type { ClauseMark } from '@mediation/shared';

/** An applicant's "agree" on the first clause, with whatever `overrides` change. */
export function clauseMark(overrides: Partial<ClauseMark> = {}): ClauseMark {
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
