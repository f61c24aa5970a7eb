import type Database from 'better-sqlite3';
import { DraftDocument } from '@mediation/shared';
import type { AuditEntryInput } from '../../audit/audit-entry.js';
import type { DocumentStore } from '../document-store.js';
import type { DraftingRecordStore } from '../drafting-record-store.js';
import type { AgreementVersionRecord, ClauseMarkRecord } from '../records.js';
import { groupCommit, type GroupCommit } from './group-commit.js';
import type { sqliteAudit } from './sqlite-audit.js';

type Row = Record<string, unknown>;
interface DocumentUpdateRow {
  caseId: string;
  document: string;
  update: Uint8Array;
}

type DraftingStore = DocumentStore & DraftingRecordStore;

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
 * Live documents, marks and versions in SQLite; every audited change in one transaction
 * with its entry. Document updates are committed in groups (`appends`; flush it before
 * the database closes).
 */
export function sqliteDrafting(
  db: Database.Database,
  audit: ReturnType<typeof sqliteAudit>,
): DraftingStore & { appends: GroupCommit<DocumentUpdateRow, number> } {
  const statements = {
    snapshot: db.prepare('SELECT snapshot FROM document_snapshots WHERE case_id = ? AND document = ?'),
    updates: db.prepare('SELECT sequence, update_data FROM document_updates WHERE case_id = ? AND document = ? ORDER BY sequence'),
    appendUpdate: db.prepare(
      `INSERT INTO document_updates (case_id, document, sequence, update_data)
       VALUES (@caseId, @document,
         (SELECT COALESCE(MAX(sequence), 0) + 1 FROM document_updates WHERE case_id = @caseId AND document = @document),
         @update)
       RETURNING sequence`,
    ),
    putSnapshot: db.prepare(
      `INSERT INTO document_snapshots (case_id, document, snapshot) VALUES (?, ?, ?)
       ON CONFLICT (case_id, document) DO UPDATE SET snapshot = excluded.snapshot`,
    ),
    dropUpdates: db.prepare('DELETE FROM document_updates WHERE case_id = ? AND document = ? AND sequence <= ?'),
    settings: db.prepare('SELECT parties_may_edit FROM drafting_settings WHERE case_id = ?'),
    putSettings: db.prepare(
      `INSERT INTO drafting_settings (case_id, parties_may_edit) VALUES (?, ?)
       ON CONFLICT (case_id) DO UPDATE SET parties_may_edit = excluded.parties_may_edit`,
    ),
    putMark: db.prepare(
      `INSERT INTO clause_marks (case_id, clause_id, participant_id, mark, comment, clause_hash, at)
       VALUES (@caseId, @clauseId, @participantId, @mark, @comment, @clauseHash, @at)
       ON CONFLICT (case_id, clause_id, participant_id) DO UPDATE SET
         mark = excluded.mark, comment = excluded.comment, clause_hash = excluded.clause_hash, at = excluded.at`,
    ),
    marks: db.prepare('SELECT * FROM clause_marks WHERE case_id = ? ORDER BY at, clause_id, participant_id'),
    versions: db.prepare(
      'SELECT id, case_id, number, name, hash, saved_by, saved_at FROM agreement_versions WHERE case_id = ? ORDER BY number',
    ),
    version: db.prepare('SELECT * FROM agreement_versions WHERE case_id = ? AND id = ?'),
    agreementSettled: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM agreement_freezes WHERE case_id = @caseId AND voided_at IS NULL)
           OR EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = @caseId) AS settled`,
    ),
  };
  /** Whether the agreement is frozen for signing or issued: its text and marks then stay as they are. */
  const agreementSettled = (caseId: string) => (statements.agreementSettled.get({ caseId }) as { settled: number }).settled === 1;

  const appendOne = (row: DocumentUpdateRow) => (statements.appendUpdate.get(row) as { sequence: number }).sequence;
  const appends = groupCommit(
    db.transaction((rows: DocumentUpdateRow[]) => rows.map(appendOne)),
    appendOne,
  );
  const compact = db.transaction((caseId: string, document: string, snapshot: Uint8Array, upTo: number) => {
    statements.putSnapshot.run(caseId, document, snapshot);
    statements.dropUpdates.run(caseId, document, upTo);
  });
  const setPartiesMayEdit = db.transaction((caseId: string, allowed: boolean, entry: AuditEntryInput) => {
    statements.putSettings.run(caseId, allowed ? 1 : 0);
    audit.append(entry);
  });
  const putClauseMark = db.transaction((mark: ClauseMarkRecord, entry: AuditEntryInput) => {
    if (agreementSettled(mark.caseId)) return false;
    statements.putMark.run(mark);
    audit.append(entry);
    return true;
  });
  const startAgreement = db.transaction((caseId: string, update: Uint8Array, entry: AuditEntryInput) => {
    if (agreementSettled(caseId)) return undefined;
    const sequence = appendOne({ caseId, document: DraftDocument.agreement, update });
    audit.append(entry);
    return sequence;
  });
  const insertVersion = insertAgreementVersion(db);
  const saveVersion = db.transaction(
    (version: Omit<AgreementVersionRecord, 'number'>, entry: Parameters<DraftingStore['saveAgreementVersion']>[1]) => {
      const record = insertVersion(version);
      audit.append(entry(record.number));
      return record;
    },
  );

  return {
    loadDocument: async (caseId, document) => {
      const snapshot = statements.snapshot.get(caseId, document) as { snapshot: Buffer } | undefined;
      const rows = statements.updates.all(caseId, document) as { sequence: number; update_data: Buffer }[];
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.snapshot) : null,
        updates: rows.map((row) => new Uint8Array(row.update_data)),
        lastSequence: rows.at(-1)?.sequence ?? 0,
      };
    },
    appendDocumentUpdate: (caseId, document, update) => appends({ caseId, document, update }),
    appends,
    compactDocument: async (caseId, document, snapshot, upTo) => compact(caseId, document, snapshot, upTo),
    partiesMayEdit: async (caseId) => (statements.settings.get(caseId) as { parties_may_edit: number } | undefined)?.parties_may_edit === 1,
    setPartiesMayEdit: async (caseId, allowed, entry) => setPartiesMayEdit(caseId, allowed, entry),
    putClauseMark: async (mark, entry) => putClauseMark(mark, entry),
    listClauseMarks: async (caseId) => (statements.marks.all(caseId) as Row[]).map(toMark),
    saveAgreementVersion: async (version, entry) => saveVersion(version, entry),
    startAgreement: async (caseId, update, entry) => startAgreement(caseId, update, entry),
    listAgreementVersions: async (caseId) =>
      (statements.versions.all(caseId) as Row[]).map((r) => ({
        id: r.id as string,
        caseId: r.case_id as string,
        number: r.number as number,
        name: r.name as string,
        hash: r.hash as string,
        savedBy: r.saved_by as string,
        savedAt: r.saved_at as string,
      })),
    findAgreementVersion: async (caseId, id) => {
      const row = statements.version.get(caseId, id) as Row | undefined;
      return row && toVersion(row);
    },
  };
}

/** Inserts a version under the case's next number; to be called inside a transaction. */
export function insertAgreementVersion(db: Database.Database) {
  const nextNumber = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM agreement_versions WHERE case_id = ?');
  const insert = db.prepare(
    `INSERT INTO agreement_versions (id, case_id, number, name, hash, canonical_json, snapshot, saved_by, saved_at)
     VALUES (@id, @caseId, @number, @name, @hash, @canonicalJson, @snapshot, @savedBy, @savedAt)`,
  );
  return (version: Omit<AgreementVersionRecord, 'number'>): AgreementVersionRecord => {
    const { next } = nextNumber.get(version.caseId) as { next: number };
    const record = { ...version, number: next };
    insert.run(record);
    return record;
  };
}
