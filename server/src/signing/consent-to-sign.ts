import { CURRENT_CONSENT_STATEMENT, ServerEvent } from '@mediation/shared';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { requireFrozenVersion } from './require-frozen-version.js';
import { signingState } from './signing-state.js';

/** A signer ticks the consent statement for the frozen version; ticking it again changes nothing. */
export async function consentToSign(
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { version: number; agreementHash: string },
): Promise<void> {
  const frozen = requireFrozenVersion(drafting, member, request);
  const at = new Date().toISOString();
  const recorded = await drafting.store.recordConsent(frozen.id, member.participantId, at, {
    caseId: drafting.caseId,
    at,
    actor: auditActor(member),
    type: 'signing.consented',
    data: { version: frozen.versionNumber, agreementHash: frozen.agreementHash, statement: CURRENT_CONSENT_STATEMENT },
  });
  if (recorded) drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
}
