import { describe, expect, it } from 'vitest';
import { memorySignerKeyStore, signerKeyPair } from '../src/signing/signer-key-pair';

describe('a participant’s signing key', () => {
  it('is made once and the same pair is used again afterwards', async () => {
    const store = memorySignerKeyStore();
    const first = await signerKeyPair('participant-1', store);
    const again = await signerKeyPair('participant-1', store);
    expect(again).toBe(first);
    expect(await signerKeyPair('participant-2', store)).not.toBe(first);
  });

  it('is an ECDSA P-256 pair whose private half cannot be exported', async () => {
    const { privateKey, publicKey } = await signerKeyPair('participant-1', memorySignerKeyStore());
    expect(privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', privateKey)).rejects.toThrow();
    expect(publicKey.extractable).toBe(true);
  });

  it('is one pair when two pages of the same participant make one at the same time', async () => {
    const store = memorySignerKeyStore();
    const [one, other] = await Promise.all([signerKeyPair('participant-1', store), signerKeyPair('participant-1', store)]);
    expect(other).toBe(one);
  });
});
