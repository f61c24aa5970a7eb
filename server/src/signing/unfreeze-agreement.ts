import { ErrorCode, ParticipantAction, ServerEvent } from '@mediation/shared';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { signingState } from './signing-state.js';

/** The mediator unfreezes the agreement to change its wording: every signature of the frozen version is void. */
export function unfreezeAgreement(drafting: CaseDrafting, member: DraftingMember): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.unfreeze);
  return drafting.serially(async () => {
    if (drafting.issued) throw new AppError(ErrorCode.agreementIssued, 'The agreement has been issued.');
    const frozen = drafting.frozen;
    if (!frozen) throw new AppError(ErrorCode.agreementNotFrozen, 'The agreement is not frozen.');
    const at = new Date().toISOString();
    const voided = await drafting.store.unfreezeAgreement(frozen.id, at, (voidedSignatures) => ({
      caseId: drafting.caseId,
      at,
      actor: auditActor(member),
      type: 'agreement.unfrozen',
      data: { version: frozen.versionNumber, agreementHash: frozen.agreementHash, voidedSignatures },
    }));
    if (voided === undefined) throw new AppError(ErrorCode.conflict, 'The agreement was unfrozen or issued meanwhile.');
    drafting.frozen = null;
    // A failure to issue the voided version says nothing of the next one.
    drafting.issueFailure = null;
    drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
  });
}
