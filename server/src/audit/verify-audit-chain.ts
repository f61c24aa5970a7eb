import { GENESIS_HASH, type AuditEntry } from './audit-entry.js';
import { hashAuditEntry } from './hash-audit-entry.js';

export type AuditChainVerdict =
  | { valid: true; entries: number; lastHash: string }
  | {
      valid: false;
      /** Position (0-based) in the list given of the first entry that does not hold. */
      brokenAt: number;
      sequence: number;
      reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'sequence-gap';
    };

/**
 * Checks a case's audit entries, in the order read: each entry's hash must match its
 * content, name the previous entry's hash and follow its sequence number. A changed entry
 * fails its own hash (or, if rehashed, the next entry's link); a removed or reordered one
 * fails the link or sequence of the entry now in its place.
 */
export function verifyAuditChain(entries: readonly AuditEntry[]): AuditChainVerdict {
  let previousHash = GENESIS_HASH;
  let previousSequence = 0;
  for (const [index, entry] of entries.entries()) {
    const broken = (reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'sequence-gap') =>
      ({ valid: false, brokenAt: index, sequence: entry.sequence, reason }) as const;
    if (entry.sequence !== previousSequence + 1) return broken('sequence-gap');
    if (entry.previousHash !== previousHash) return broken('previous-hash-mismatch');
    if (hashAuditEntry(entry) !== entry.hash) return broken('hash-mismatch');
    previousHash = entry.hash;
    previousSequence = entry.sequence;
  }
  return { valid: true, entries: entries.length, lastHash: previousHash };
}
