import { CURRENT_CONSENT_STATEMENT, ErrorCode, ParticipantAction, ServerEvent } from '@mediation/shared';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { requireFrozenVersion } from './require-frozen-version.js';
import { signingState } from './signing-state.js';

/** A signer ticks the consent statement for the frozen version; ticking it again changes nothing. */
export function consentToSign(
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { version: number; agreementHash: string },
): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.consent);
  return drafting.serially(async () => {
    const frozen = requireFrozenVersion(drafting, request);
    const at = new Date().toISOString();
    const recorded = await drafting.store.recordConsent(frozen.id, member.participantId, at, {
      caseId: drafting.caseId,
      at,
      actor: auditActor(member),
      type: 'signing.consented',
      data: { version: frozen.versionNumber, agreementHash: frozen.agreementHash, statement: CURRENT_CONSENT_STATEMENT },
    });
    if (recorded) {
      drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
      return;
    }
    // Nothing changed: consented already, or (another server) the freeze was voided meanwhile.
    if (!(await drafting.store.listConsents(frozen.id)).has(member.participantId)) {
      throw new AppError(ErrorCode.agreementNotFrozen, 'The agreement was unfrozen meanwhile.');
    }
  });
}
