import { canonicalJson, sha256Hex } from '@mediation/shared';
import type { AuditEntry } from './audit-entry.js';

/** The SHA-256 of an entry's canonical JSON, every field but the hash itself. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { sequence, caseId, at, actor, type, data, previousHash } = entry;
  return sha256Hex(canonicalJson({ sequence, caseId, at, actor, type, data, previousHash }));
}
