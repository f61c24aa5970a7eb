import { ErrorCode, isParty, ParticipantAction, ServerEvent, type IdentityDocumentType } from '@mediation/shared';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { signingState } from './signing-state.js';

/** The mediator records that they checked a party's identity document on camera. */
export function attestIdentity(
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { participantId: string; documentType: IdentityDocumentType; numberLastDigits: string; alias?: string | undefined },
): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.attestIdentity);
  return drafting.serially(async () => {
    const party = (await drafting.participants()).find((p) => p.id === request.participantId && p.revokedAt === null);
    if (!party || !isParty(party.role)) throw new AppError(ErrorCode.notFound, 'No such party in this case.');
    if (drafting.issued) throw new AppError(ErrorCode.agreementIssued, 'The agreement has been issued.');
    const at = new Date().toISOString();
    const recorded = await drafting.store.putIdentityAttestation(
      { caseId: drafting.caseId, ...request, alias: request.alias || null, attestedBy: member.name, attestedAt: at },
      {
        caseId: drafting.caseId,
        at,
        actor: auditActor(member),
        type: 'signing.identity-attested',
        data: { ...request, alias: request.alias || null, participantName: party.displayName },
      },
    );
    if (!recorded) throw new AppError(ErrorCode.conflict, 'The party’s link was revoked or the agreement issued meanwhile.');
    drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
  });
}
