/** Where a browser keeps each participant's signing key between visits. */
export interface SignerKeyStore {
  get(participantId: string): Promise<CryptoKeyPair | undefined>;
  /** Keeps `keys` unless a pair is already kept for the participant; returns the pair kept. */
  keep(participantId: string, keys: CryptoKeyPair): Promise<CryptoKeyPair>;
}

/**
 * The participant's signing key in this browser: made once (ECDSA P-256, the private key not
 * extractable, so no script can read it out, only use it), kept, and used again after a reload.
 */
export async function signerKeyPair(participantId: string, store: SignerKeyStore, subtle: SubtleCrypto = crypto.subtle): Promise<CryptoKeyPair> {
  const kept = await store.get(participantId);
  if (kept) return kept;
  const created = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  // Another tab of the same participant may have kept one meanwhile; theirs wins, so both sign with one key.
  return store.keep(participantId, created);
}

/** A store that lasts as long as the page: where IndexedDB cannot be opened. */
export function memorySignerKeyStore(): SignerKeyStore {
  const keys = new Map<string, CryptoKeyPair>();
  return {
    get: async (participantId) => keys.get(participantId),
    keep: async (participantId, pair) => {
      const kept = keys.get(participantId) ?? pair;
      keys.set(participantId, kept);
      return kept;
    },
  };
}
