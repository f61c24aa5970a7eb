import type { AuditEntry, AuditEntryInput } from '../audit/audit-entry.js';

/**
 * Each case's append-only, hash-chained audit log.
 *
 * Guarantees: a case's entries are numbered 1, 2, 3, ... in the order they were written,
 * each naming the hash of the one before, with no fork: an append reads the case's last
 * entry and writes the next in one transaction. Entries are never changed or removed. An
 * entry that records a change of another store is written in that change's transaction.
 */
export interface AuditStore {
  /** Appends an entry that records no other change of the store. */
  appendAudit(audit: AuditEntryInput): Promise<AuditEntry>;
  /** A case's audit log in chain order. */
  listAudit(caseId: string): Promise<AuditEntry[]>;
}
