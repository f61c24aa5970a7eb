import {
  consentStatement,
  SIGNING_PAYLOAD_PURPOSE,
  signingPayloadBytes,
  type AgreementLanguage,
  type SignerPublicKey,
  type SigningPayload,
} from '@mediation/shared';
import type { SignRequest } from './signing-session';

export interface SignInput {
  caseId: string;
  frozen: { version: number; agreementHash: string };
  /** The agreement's own language: the consent statement signed is the one in that language. */
  language: AgreementLanguage;
  /** Exactly as the welcome named this participant: the server rebuilds the payload from its records. */
  signer: SigningPayload['signer'];
  typedName: string;
  signatureImage: Uint8Array;
  keys: CryptoKeyPair;
}

/** What the signer's key signs (SIGNING.md): the version, its hash, the statement ticked, and who signs. */
export function signingPayloadOf(input: Pick<SignInput, 'caseId' | 'frozen' | 'language' | 'signer'>): SigningPayload {
  return {
    purpose: SIGNING_PAYLOAD_PURPOSE,
    caseId: input.caseId,
    version: input.frozen.version,
    agreementHash: input.frozen.agreementHash,
    consentStatement: consentStatement(input.language),
    signer: { participantId: input.signer.participantId, name: input.signer.name, role: input.signer.role },
  };
}

/** The public half of a signer's key in the protocol's JWK shape (no `ext`, `key_ops`). */
export async function exportSignerPublicKey(publicKey: CryptoKey, subtle: SubtleCrypto = crypto.subtle): Promise<SignerPublicKey> {
  const jwk = await subtle.exportKey('jwk', publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('the signer key is not an ECDSA P-256 key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/**
 * A complete `signing:sign` request: the signer's own ECDSA P-256 / SHA-256 signature, in
 * WebCrypto's 64-byte r‖s form, over the canonical signing payload.
 */
export async function buildSignRequest(input: SignInput, subtle: SubtleCrypto = crypto.subtle): Promise<SignRequest> {
  // Copied into an ArrayBuffer of its own, the kind WebCrypto takes.
  const payload = new Uint8Array(signingPayloadBytes(signingPayloadOf(input)));
  const [signature, publicKey] = await Promise.all([
    subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, input.keys.privateKey, payload),
    exportSignerPublicKey(input.keys.publicKey, subtle),
  ]);
  return {
    version: input.frozen.version,
    agreementHash: input.frozen.agreementHash,
    typedName: input.typedName.trim(),
    signatureImage: input.signatureImage,
    publicKey,
    signature: new Uint8Array(signature),
  };
}
