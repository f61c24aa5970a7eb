import {
  consentStatement,
  ErrorCode,
  isParty,
  namesMatch,
  ParticipantAction,
  publicKeyFingerprint,
  ServerEvent,
  SIGNING_PAYLOAD_PURPOSE,
  signingPayloadBytes,
  type SignerPublicKey,
  type SignResult,
} from '@mediation/shared';
import { createHash } from 'node:crypto';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { checkSignatureImage } from './check-signature-image.js';
import { authorizeParticipant } from '../policy/policy.js';
import { frozenAgreement } from './frozen-agreement.js';
import { requireFrozenVersion } from './require-frozen-version.js';
import { requiredSigners, signingState } from './signing-state.js';
import { verifySignerSignature } from './verify-signer-signature.js';

export interface SignRequest {
  version: number;
  agreementHash: string;
  typedName: string;
  signatureImage: Uint8Array;
  publicKey: SignerPublicKey;
  signature: Uint8Array;
}

/**
 * A signer signs the frozen version. The server rebuilds what the signer's key must have
 * signed from its own records (this participant, this version and hash, the consent
 * statement in the agreement's language), verifies it, and stores the signature only if
 * this signer has not signed this version yet and the freeze is still in force, with its
 * audit entry, before answering. Returns whether this was the last signature needed.
 */
export function signAgreement(drafting: CaseDrafting, member: DraftingMember, request: SignRequest): Promise<SignResult & { complete: boolean }> {
  authorizeParticipant(member.role, ParticipantAction.sign);
  return drafting.serially(() => sign(drafting, member, request));
}

async function sign(drafting: CaseDrafting, member: DraftingMember, request: SignRequest): Promise<SignResult & { complete: boolean }> {
  const frozen = requireFrozenVersion(drafting, request);
  checkSignatureImage(request.signatureImage);
  await checkSignerIdentity(drafting, member, request.typedName);
  const signers = requiredSigners(await drafting.participants());
  const signatures = await drafting.store.listSignatures(frozen.id);
  const signed = new Set(signatures.map((s) => s.participantId));
  if (signed.has(member.participantId)) throw new AppError(ErrorCode.alreadySigned, 'You have already signed this version.');
  if (!isParty(member.role) && signers.some((s) => isParty(s.role) && !signed.has(s.id))) {
    throw new AppError(ErrorCode.signingOutOfOrder, 'The mediator signs after every party.');
  }
  if (!(await drafting.store.listConsents(frozen.id)).has(member.participantId)) {
    throw new AppError(ErrorCode.consentRequired, 'Tick the consent statement first.');
  }

  const agreement = await frozenAgreement(drafting, frozen);
  const payload = {
    purpose: SIGNING_PAYLOAD_PURPOSE,
    caseId: drafting.caseId,
    version: frozen.versionNumber,
    agreementHash: frozen.agreementHash,
    consentStatement: consentStatement(agreement.header.language),
    signer: { participantId: member.participantId, name: member.name, role: member.role },
  } as const;
  const bytes = signingPayloadBytes(payload);
  if (!(await verifySignerSignature(request.publicKey, request.signature, bytes))) {
    throw new AppError(ErrorCode.signatureInvalid, 'The signature does not verify with the key given.');
  }

  const signedAt = new Date().toISOString();
  const fingerprint = publicKeyFingerprint(request.publicKey);
  const recorded = await drafting.store.recordSignature(
    {
      freezeId: frozen.id,
      participantId: member.participantId,
      typedName: request.typedName,
      image: request.signatureImage,
      publicKey: request.publicKey,
      signature: request.signature,
      payload: new TextDecoder().decode(bytes),
      signedAt,
      ip: member.ip,
      device: member.device,
    },
    {
      caseId: drafting.caseId,
      at: signedAt,
      actor: auditActor(member),
      type: 'signing.signed',
      data: {
        version: frozen.versionNumber,
        agreementHash: frozen.agreementHash,
        typedName: request.typedName,
        publicKeyFingerprint: fingerprint,
        signatureImageSha256: createHash('sha256').update(request.signatureImage).digest('hex'),
      },
    },
  );
  if (!recorded) {
    // Nothing changed: signed already, or (another server) the freeze was voided meanwhile.
    if ((await drafting.store.listSignatures(frozen.id)).some((s) => s.participantId === member.participantId)) {
      throw new AppError(ErrorCode.alreadySigned, 'You have already signed this version.');
    }
    throw new AppError(ErrorCode.agreementNotFrozen, 'The agreement was unfrozen meanwhile.');
  }

  drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
  signed.add(member.participantId);
  return { signedAt, complete: signers.every((s) => signed.has(s.id)) };
}

/**
 * A party signs only once the mediator has checked their identity document, and every
 * signer types the name the case records (or, for a party, the alias recorded with that
 * check: the same name in another script), so the name printed as signed is theirs.
 */
async function checkSignerIdentity(drafting: CaseDrafting, member: DraftingMember, typedName: string): Promise<void> {
  const attestation = (await drafting.store.listIdentityAttestations(drafting.caseId)).find((a) => a.participantId === member.participantId);
  if (isParty(member.role) && !attestation) {
    throw new AppError(ErrorCode.identityNotChecked, 'The mediator has not yet recorded the check of your identity document.');
  }
  const names = [member.name, ...(attestation?.alias ? [attestation.alias] : [])];
  if (!names.some((name) => namesMatch(typedName, name))) {
    throw new AppError(ErrorCode.nameMismatch, `Type your name as the case records it: ${names.join(' / ')}.`);
  }
}
