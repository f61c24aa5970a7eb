import { GENESIS_HASH, type AuditEntry, type AuditEntryInput } from './audit-entry.js';
import { hashAuditEntry } from './hash-audit-entry.js';

/** Places a new entry after `previous` (the case's last entry, if any) in the chain. */
export function chainAuditEntry(input: AuditEntryInput, previous: Pick<AuditEntry, 'sequence' | 'hash'> | undefined): AuditEntry {
  const unhashed = { ...input, sequence: (previous?.sequence ?? 0) + 1, previousHash: previous?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: hashAuditEntry(unhashed) } as AuditEntry;
}
