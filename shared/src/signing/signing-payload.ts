import type { Role } from '../domain/roles.js';
import { canonicalJson, sha256Hex } from '../drafting/canonical-json.js';

export const SIGNING_PAYLOAD_PURPOSE = 'mediation-agreement-signature/1';

/**
 * What a signer's own key signs (ECDSA P-256 with SHA-256, WebCrypto's IEEE P1363 r‖s
 * form): the agreement's hash and version, the consent statement they ticked, and who they
 * are, as canonical JSON. The server rebuilds it from its own records, so a signature for
 * another version, another person or another statement does not verify.
 */
export interface SigningPayload {
  purpose: typeof SIGNING_PAYLOAD_PURPOSE;
  caseId: string;
  version: number;
  agreementHash: string;
  consentStatement: string;
  signer: { participantId: string; name: string; role: Role };
}

export function signingPayloadBytes(payload: SigningPayload): Uint8Array {
  return new TextEncoder().encode(canonicalJson(payload));
}

/** A P-256 public key as a JSON Web Key, as WebCrypto exports it. */
export interface SignerPublicKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** SHA-256 of the key's canonical JWK: how the PDF and the records name a signer's key. */
export function publicKeyFingerprint(key: SignerPublicKey): string {
  const { kty, crv, x, y } = key;
  return sha256Hex(canonicalJson({ crv, kty, x, y }));
}
