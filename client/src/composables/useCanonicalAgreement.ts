import { agreementHash, canonicalAgreement, type CanonicalAgreement } from '@mediation/shared';
import type { ShallowRef } from 'vue';
import type * as Y from 'yjs';
import { useLiveDocValue } from './useLiveDocValue';

export interface HashedAgreement {
  agreement: CanonicalAgreement;
  /** Worked out on this device from what it shows, to compare with the frozen version's hash. */
  hash: string;
}

/**
 * The agreement in the canonical form that is hashed and signed, read from this device's copy
 * of the document; asked for while it is frozen, when it no longer changes.
 */
export function useCanonicalAgreement(doc: () => Y.Doc | null): Readonly<ShallowRef<HashedAgreement | null>> {
  return useLiveDocValue(doc, (current) => {
    const agreement = canonicalAgreement(current);
    return { agreement, hash: agreementHash(agreement) };
  });
}
