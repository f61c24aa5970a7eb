import { ErrorCode, isParty, ServerEvent, type IdentityDocumentType } from '@mediation/shared';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { requireMediator } from '../drafting/require-role.js';
import { AppError } from '../errors/app-error.js';
import { signingState } from './signing-state.js';

/** The mediator records that they checked a party's identity document on camera. */
export async function attestIdentity(
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { participantId: string; documentType: IdentityDocumentType; numberLastDigits: string },
): Promise<void> {
  requireMediator(member, 'attest identities');
  const party = (await drafting.participants()).find((p) => p.id === request.participantId && p.revokedAt === null);
  if (!party || !isParty(party.role)) throw new AppError(ErrorCode.notFound, 'No such party in this case.');
  const at = new Date().toISOString();
  await drafting.store.putIdentityAttestation(
    { caseId: drafting.caseId, ...request, attestedBy: member.name, attestedAt: at },
    {
      caseId: drafting.caseId,
      at,
      actor: auditActor(member),
      type: 'signing.identity-attested',
      data: { ...request, participantName: party.displayName },
    },
  );
  drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
}
