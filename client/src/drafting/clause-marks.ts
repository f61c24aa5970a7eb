import type { ClauseMark } from '@mediation/shared';

/**
 * The marks with a new one added. A party has at most one mark per clause: a later mark of
 * the same party on the same clause replaces the earlier one, wherever it was in the list.
 */
export function withClauseMark(marks: readonly ClauseMark[], mark: ClauseMark): ClauseMark[] {
  const earlier = marks.find((m) => m.clauseId === mark.clauseId && m.participantId === mark.participantId);
  // A push and the answer to one's own request carry the same mark; the later `at` wins.
  if (earlier && earlier.at > mark.at) return [...marks];
  return [...marks.filter((m) => m !== earlier), mark];
}

/** One clause's marks, applicants before respondents, then by name. */
export function marksOfClause(marks: readonly ClauseMark[], clauseId: string): ClauseMark[] {
  return marks
    .filter((mark) => mark.clauseId === clauseId)
    .sort((a, b) => a.role.localeCompare(b.role) || a.participantName.localeCompare(b.participantName));
}

/** A mark made on other text than the clause has now: it no longer says what the party thinks of it. */
export function isMarkOutOfDate(mark: Pick<ClauseMark, 'clauseHash'>, currentClauseHash: string): boolean {
  return mark.clauseHash !== currentClauseHash;
}
