import { clauseHash, DraftDocument, ErrorCode, readClauses, ServerEvent, type ClauseMark, type ClauseMarkKind } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { auditActor, toClauseMark, type CaseDrafting } from './case-drafting.js';
import type { DraftingMember } from './drafting-member.js';
import { requireParty } from './require-role.js';

/**
 * A party agrees or objects to a clause as its text is now; the mark carries the clause's
 * hash, so everyone can see when the text has changed since.
 */
export async function markClause(
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { clauseId: string; mark: ClauseMarkKind; comment?: string | undefined },
): Promise<ClauseMark> {
  requireParty(member, 'mark clauses');
  const agreement = await drafting.loadDocument(DraftDocument.agreement);
  const clause = readClauses(agreement.doc).find((c) => c.id === request.clauseId);
  if (!clause) throw new AppError(ErrorCode.notFound, 'No such clause in the agreement.');

  const record = {
    caseId: drafting.caseId,
    clauseId: clause.id,
    participantId: member.participantId,
    mark: request.mark,
    comment: request.comment ?? '',
    clauseHash: clauseHash(clause.body),
    at: new Date().toISOString(),
  };
  await drafting.store.putClauseMark(record, {
    caseId: drafting.caseId,
    at: record.at,
    actor: auditActor(member),
    type: 'agreement.clause-marked',
    data: { clauseId: record.clauseId, mark: record.mark, comment: record.comment, clauseHash: record.clauseHash },
  });
  const mark = toClauseMark(record, { displayName: member.name, role: member.role });
  drafting.broadcast(ServerEvent.clauseMarked, mark);
  return mark;
}
