import type Database from 'better-sqlite3';
import type { AuditEntry, AuditEntryInput } from '../../audit/audit-entry.js';
import { chainAuditEntry } from '../../audit/chain-audit-entry.js';

type Row = Record<string, unknown>;

const toAuditEntry = (r: Row): AuditEntry =>
  ({
    caseId: r.case_id as string,
    sequence: r.sequence as number,
    at: r.at as string,
    actor: JSON.parse(r.actor as string),
    type: r.type as string,
    data: JSON.parse(r.data as string),
    previousHash: r.previous_hash as string,
    hash: r.hash as string,
  }) as AuditEntry;

/** The audit log's statements; `append` must run inside the transaction of the change it records. */
export function sqliteAudit(db: Database.Database) {
  const last = db.prepare('SELECT sequence, hash FROM audit_entries WHERE case_id = ? ORDER BY sequence DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_entries (case_id, sequence, at, actor, type, data, previous_hash, hash)
     VALUES (@caseId, @sequence, @at, @actor, @type, @data, @previousHash, @hash)`,
  );
  const list = db.prepare('SELECT * FROM audit_entries WHERE case_id = ? ORDER BY sequence');

  return {
    append(input: AuditEntryInput): AuditEntry {
      const previous = last.get(input.caseId) as { sequence: number; hash: string } | undefined;
      const entry = chainAuditEntry(input, previous);
      insert.run({ ...entry, actor: JSON.stringify(entry.actor), data: JSON.stringify(entry.data) });
      return entry;
    },
    list: (caseId: string): AuditEntry[] => (list.all(caseId) as Row[]).map(toAuditEntry),
  };
}
