import type pg from 'pg';
import type { AuditEntry, AuditEntryInput } from '../../audit/audit-entry.js';
import { chainAuditEntry } from '../../audit/chain-audit-entry.js';
import type { AuditStore } from '../audit-store.js';
import { LockSpace, lockForTransaction } from './advisory-locks.js';
import type { CaseWriteQueue } from './case-write-queue.js';

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

/**
 * Appends an entry to its case's chain inside the transaction of `client` (the transaction of
 * the change it records). The case's lock, held until that transaction ends (taken here too,
 * should the transaction not hold it yet), makes the read of the last entry and the write of
 * the next one step for every process sharing the database: a second append waits, then
 * reads the entry the first wrote. No fork, no gap.
 */
export async function appendAuditEntry(client: pg.ClientBase, input: AuditEntryInput): Promise<AuditEntry> {
  await lockForTransaction(client, LockSpace.case, input.caseId);
  const last = await client.query<{ sequence: number; hash: string }>(
    'SELECT sequence, hash FROM audit_entries WHERE case_id = $1 ORDER BY sequence DESC LIMIT 1',
    [input.caseId],
  );
  const entry = chainAuditEntry(input, last.rows[0]);
  await client.query(
    `INSERT INTO audit_entries (case_id, sequence, at, actor, type, data, previous_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.caseId, entry.sequence, entry.at, JSON.stringify(entry.actor), entry.type, JSON.stringify(entry.data), entry.previousHash, entry.hash],
  );
  return entry;
}

/** Each case's hash-chained audit log in PostgreSQL. */
export function postgresAudit(pool: pg.Pool, cases: CaseWriteQueue): AuditStore {
  return {
    appendAudit: (input) => cases.run(input.caseId, (client) => appendAuditEntry(client, input)),
    listAudit: async (caseId) =>
      (await pool.query('SELECT * FROM audit_entries WHERE case_id = $1 ORDER BY sequence', [caseId])).rows.map(toAuditEntry),
  };
}
