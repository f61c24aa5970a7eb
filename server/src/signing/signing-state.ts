import { isParty, isRequiredSigner, Role, type SignerState, type SigningState } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { ParticipantRecord } from '../store/records.js';

/** Who must sign, in signing order: the parties as invited, then the mediator. */
export function requiredSigners(participants: ParticipantRecord[]): ParticipantRecord[] {
  const signers = participants.filter((p) => p.revokedAt === null && isRequiredSigner(p.role));
  return [...signers.filter((p) => isParty(p.role)), ...signers.filter((p) => p.role === Role.mediator)];
}

/** The case's signing as everyone in the room sees it. */
export async function signingState(drafting: CaseDrafting): Promise<SigningState> {
  const { store, caseRecord, frozen } = drafting;
  const [participants, joins, attestations, consents, signatures, issued] = await Promise.all([
    drafting.participants(),
    store.listFirstJoins(caseRecord.sessionId),
    store.listIdentityAttestations(caseRecord.id),
    frozen ? store.listConsents(frozen.id) : new Set<string>(),
    frozen ? store.listSignatures(frozen.id) : [],
    store.findIssuedAgreementOfCase(caseRecord.id),
  ]);
  const signedAt = new Map(signatures.map((s) => [s.participantId, s.signedAt]));
  const attested = new Set(attestations.map((a) => a.participantId));
  const stateOf = (id: string): SignerState =>
    signedAt.has(id) ? 'signed' : consents.has(id) ? 'consented' : joins.has(id) ? 'joined' : 'invited';

  return {
    frozen: frozen && { version: frozen.versionNumber, agreementHash: frozen.agreementHash, frozenAt: frozen.frozenAt },
    signers: requiredSigners(participants).map((p) => ({
      participantId: p.id,
      name: p.displayName,
      role: p.role,
      state: stateOf(p.id),
      identityAttested: attested.has(p.id),
      signedAt: signedAt.get(p.id) ?? null,
    })),
    issued: issued ? { documentNumber: issued.documentNumber, issuedAt: issued.issuedAt, pdfSha256: issued.pdfSha256 } : null,
    issueFailure: issued ? null : drafting.issueFailure,
  };
}
