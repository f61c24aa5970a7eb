import type pg from 'pg';
import { DraftDocument } from '@mediation/shared';
import type { DocumentStore } from '../document-store.js';
import type { DraftingRecordStore } from '../drafting-record-store.js';
import type { AgreementVersionRecord, ClauseMarkRecord } from '../records.js';
import { LockSpace, lockForTransaction } from './advisory-locks.js';
import { insertDocumentUpdates, type DocumentWriteQueue } from './document-write-queue.js';
import { appendAuditEntry } from './postgres-audit.js';
import type { CaseWriteQueue } from './case-write-queue.js';

type Row = Record<string, unknown>;

const toMark = (r: Row): ClauseMarkRecord => ({
  caseId: r.case_id as string,
  clauseId: r.clause_id as string,
  participantId: r.participant_id as string,
  mark: r.mark as ClauseMarkRecord['mark'],
  comment: r.comment as string,
  clauseHash: r.clause_hash as string,
  at: r.at as string,
});

const toVersion = (r: Row): AgreementVersionRecord => ({
  id: r.id as string,
  caseId: r.case_id as string,
  number: r.number as number,
  name: r.name as string,
  hash: r.hash as string,
  canonicalJson: r.canonical_json as string,
  snapshot: new Uint8Array(r.snapshot as Buffer),
  savedBy: r.saved_by as string,
  savedAt: r.saved_at as string,
});

/**
 * Inserts a version under the case's next number, inside a transaction holding the case's
 * lock (every caller also writes the version's audit entry), so numbers have no gaps and no
 * two processes give the same one.
 */
export async function insertAgreementVersion(client: pg.ClientBase, version: Omit<AgreementVersionRecord, 'number'>): Promise<AgreementVersionRecord> {
  await lockForTransaction(client, LockSpace.case, version.caseId);
  const [row] = (
    await client.query<{ next: number }>('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM agreement_versions WHERE case_id = $1', [version.caseId])
  ).rows;
  const record = { ...version, number: row!.next };
  await client.query(
    `INSERT INTO agreement_versions (id, case_id, number, name, hash, canonical_json, snapshot, saved_by, saved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [record.id, record.caseId, record.number, record.name, record.hash, record.canonicalJson, record.snapshot, record.savedBy, record.savedAt],
  );
  return record;
}

/** Whether the agreement is frozen for signing or issued: its text and marks then stay as they are. */
async function agreementSettled(client: pg.ClientBase, caseId: string): Promise<boolean> {
  const [row] = (
    await client.query<{ settled: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM agreement_freezes WHERE case_id = $1 AND voided_at IS NULL)
           OR EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = $1) AS settled`,
      [caseId],
    )
  ).rows;
  return row!.settled;
}

/**
 * Live documents, marks and versions in PostgreSQL; every audited change in one transaction
 * with its entry, in the case's turn (`cases`, holding its lock) so that its condition (the
 * agreement neither frozen nor issued) holds until it commits, whichever process freezes or
 * issues meanwhile. Document writes go through `documents`, one document's in the order they
 * were called.
 */
export function postgresDrafting(pool: pg.Pool, documents: DocumentWriteQueue, cases: CaseWriteQueue): DocumentStore & DraftingRecordStore {
  const rows = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[];
  return {
    loadDocument: async (caseId, document) => {
      // One statement, so one snapshot of the database: a compaction committed between reading
      // the snapshot and reading the updates would otherwise lose the updates it folded in.
      const stored = await rows(
        `SELECT NULL::integer AS sequence, snapshot AS data FROM document_snapshots WHERE case_id = $1 AND document = $2
         UNION ALL
         SELECT sequence, update_data FROM document_updates WHERE case_id = $1 AND document = $2
         ORDER BY sequence NULLS FIRST`,
        [caseId, document],
      );
      const snapshot = stored[0]?.sequence === null ? stored.shift() : undefined;
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data as Buffer) : null,
        updates: stored.map((row) => new Uint8Array(row.data as Buffer)),
        lastSequence: (stored.at(-1)?.sequence as number | undefined) ?? 0,
      };
    },
    appendDocumentUpdate: (caseId, document, update) => documents.append(caseId, document, update),
    compactDocument: (caseId, document, snapshot, upTo) =>
      documents.run(caseId, document, async (client) => {
        await client.query(
          `INSERT INTO document_snapshots (case_id, document, snapshot) VALUES ($1, $2, $3)
           ON CONFLICT (case_id, document) DO UPDATE SET snapshot = excluded.snapshot`,
          [caseId, document, snapshot],
        );
        await client.query('DELETE FROM document_updates WHERE case_id = $1 AND document = $2 AND sequence <= $3', [caseId, document, upTo]);
      }),

    partiesMayEdit: async (caseId) => (await rows('SELECT parties_may_edit FROM drafting_settings WHERE case_id = $1', [caseId]))[0]?.parties_may_edit === true,
    setPartiesMayEdit: (caseId, allowed, entry) =>
      cases.run(caseId, async (client) => {
        await client.query(
          `INSERT INTO drafting_settings (case_id, parties_may_edit) VALUES ($1, $2)
           ON CONFLICT (case_id) DO UPDATE SET parties_may_edit = excluded.parties_may_edit`,
          [caseId, allowed],
        );
        await appendAuditEntry(client, entry);
      }),
    putClauseMark: (mark, entry) =>
      cases.run(mark.caseId, async (client) => {
        if (await agreementSettled(client, mark.caseId)) return false;
        await client.query(
          `INSERT INTO clause_marks (case_id, clause_id, participant_id, mark, comment, clause_hash, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (case_id, clause_id, participant_id) DO UPDATE SET
             mark = excluded.mark, comment = excluded.comment, clause_hash = excluded.clause_hash, at = excluded.at`,
          [mark.caseId, mark.clauseId, mark.participantId, mark.mark, mark.comment, mark.clauseHash, mark.at],
        );
        await appendAuditEntry(client, entry);
        return true;
      }),
    listClauseMarks: async (caseId) =>
      (await rows('SELECT * FROM clause_marks WHERE case_id = $1 ORDER BY at, clause_id, participant_id', [caseId])).map(toMark),
    saveAgreementVersion: (version, entry) =>
      cases.run(version.caseId, async (client) => {
        const record = await insertAgreementVersion(client, version);
        await appendAuditEntry(client, entry(record.number));
        return record;
      }),
    listAgreementVersions: async (caseId) =>
      (await rows('SELECT id, case_id, number, name, hash, saved_by, saved_at FROM agreement_versions WHERE case_id = $1 ORDER BY number', [caseId])).map(
        (r) => ({
          id: r.id as string,
          caseId: r.case_id as string,
          number: r.number as number,
          name: r.name as string,
          hash: r.hash as string,
          savedBy: r.saved_by as string,
          savedAt: r.saved_at as string,
        }),
      ),
    findAgreementVersion: async (caseId, id) => {
      const [row] = await rows('SELECT * FROM agreement_versions WHERE case_id = $1 AND id = $2', [caseId, id]);
      return row && toVersion(row);
    },
    // In the agreement's queue like any append, its transaction holding the document's lock and
    // then the case's (no transaction takes them the other way round); not in the case's
    // queue, which would make it wait for two queues at once.
    startAgreement: (caseId, update, entry) =>
      documents.run(caseId, DraftDocument.agreement, async (client) => {
        await lockForTransaction(client, LockSpace.case, caseId);
        if (await agreementSettled(client, caseId)) return undefined;
        const [sequence] = await insertDocumentUpdates(client, caseId, DraftDocument.agreement, [update]);
        await appendAuditEntry(client, entry);
        return sequence;
      }),
  };
}
