import { clauseHash, DraftDocument, ErrorCode, ParticipantAction, readClauses, ServerEvent, type ClauseMark, type ClauseMarkKind } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { auditActor, toClauseMark, type CaseDrafting } from './case-drafting.js';
import type { DraftingMember } from './drafting-member.js';

/**
 * A party agrees or objects to a clause as its text is now; the mark carries the clause's
 * hash, so everyone can see when the text has changed since. Once the agreement is frozen
 * for signing, its marks stay as they were signed.
 */
export function markClause(
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { clauseId: string; mark: ClauseMarkKind; comment?: string | undefined },
): Promise<ClauseMark> {
  authorizeParticipant(member.role, ParticipantAction.markClause);
  return drafting.serially(async () => {
    const agreement = await drafting.loadDocument(DraftDocument.agreement);
    const clauses = readClauses(agreement.doc);
    const clause = clauses.find((c) => c.id === request.clauseId);
    if (!clause) throw new AppError(ErrorCode.notFound, 'No such clause in the agreement.');
    const refusal = drafting.agreementChangeRefusal();
    if (refusal) throw refusal;

    const record = {
      caseId: drafting.caseId,
      clauseId: clause.id,
      participantId: member.participantId,
      mark: request.mark,
      comment: request.comment ?? '',
      clauseHash: clauseHash(clause.body),
      at: new Date().toISOString(),
    };
    const recorded = await drafting.store.putClauseMark(record, {
      caseId: drafting.caseId,
      at: record.at,
      actor: auditActor(member),
      type: 'agreement.clause-marked',
      data: {
        clauseId: record.clauseId,
        clauseNumber: clauses.indexOf(clause) + 1,
        mark: record.mark,
        comment: record.comment,
        clauseHash: record.clauseHash,
      },
    });
    if (!recorded) throw new AppError(ErrorCode.agreementFrozen, 'The agreement is frozen for signing; its marks stay as they are.');
    const mark = toClauseMark(record, { displayName: member.name, role: member.role });
    drafting.broadcast(ServerEvent.clauseMarked, mark);
    return mark;
  });
}
