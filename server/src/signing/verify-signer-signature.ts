import { webcrypto } from 'node:crypto';
import type { SignerPublicKey } from '@mediation/shared';

/**
 * Checks a signer's own signature: ECDSA P-256 with SHA-256 over `data`, in WebCrypto's
 * r‖s form, with their public key as a JWK. A key that is not a P-256 point fails too.
 */
export async function verifySignerSignature(publicKey: SignerPublicKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const key = await webcrypto.subtle.importKey(
      'jwk',
      { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x, y: publicKey.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    return await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data);
  } catch {
    return false;
  }
}
