import type Database from 'better-sqlite3';
import type { AuditEntryInput } from '../../audit/audit-entry.js';
import type { CaucusStore } from '../caucus-store.js';
import type { CaucusRecord } from '../records.js';

type Row = Record<string, unknown>;
type Audit = { append(entry: AuditEntryInput): unknown };

const toCaucus = (r: Row): CaucusRecord => ({
  id: r.id as string,
  caseId: r.case_id as string,
  name: r.name as string,
  memberIds: JSON.parse(r.member_ids as string) as string[],
  openedAt: r.opened_at as string,
  closedAt: (r.closed_at as string | null) ?? null,
});

/** The case's caucuses in SQLite, each change in one transaction with its audit entry. */
export function sqliteCaucuses(db: Database.Database, audit: Audit): CaucusStore {
  const statements = {
    insert: db.prepare(
      `INSERT INTO caucuses (id, case_id, name, member_ids, opened_at, closed_at)
       VALUES (@id, @caseId, @name, @memberIds, @openedAt, NULL)`,
    ),
    find: db.prepare('SELECT * FROM caucuses WHERE case_id = ? AND id = ?'),
    setMembers: db.prepare('UPDATE caucuses SET member_ids = ? WHERE case_id = ? AND id = ? AND closed_at IS NULL'),
    close: db.prepare('UPDATE caucuses SET closed_at = ? WHERE case_id = ? AND id = ? AND closed_at IS NULL'),
    closeOpenOfCase: db.prepare('UPDATE caucuses SET closed_at = ? WHERE case_id = ? AND closed_at IS NULL'),
    closeOpen: db.prepare('UPDATE caucuses SET closed_at = ? WHERE closed_at IS NULL'),
    list: db.prepare('SELECT * FROM caucuses WHERE case_id = ? ORDER BY opened_at, rowid'),
  };
  const open = db.transaction((caucus: CaucusRecord, entry: AuditEntryInput) => {
    statements.insert.run({ ...caucus, memberIds: JSON.stringify(caucus.memberIds) });
    audit.append(entry);
  });
  const addMember = db.transaction((caseId: string, caucusId: string, participantId: string, entry: AuditEntryInput) => {
    const row = statements.find.get(caseId, caucusId) as Row | undefined;
    if (!row) return undefined;
    const caucus = toCaucus(row);
    if (caucus.closedAt === null && !caucus.memberIds.includes(participantId)) {
      caucus.memberIds = [...caucus.memberIds, participantId];
      statements.setMembers.run(JSON.stringify(caucus.memberIds), caseId, caucusId);
    }
    audit.append(entry);
    return caucus;
  });
  const close = db.transaction((caseId: string, caucusId: string, at: string, entry: AuditEntryInput) => {
    if (statements.close.run(at, caseId, caucusId).changes === 0) return false;
    audit.append(entry);
    return true;
  });
  return {
    openCaucus: async (caucus, entry) => open(caucus, entry),
    addCaucusMember: async (caseId, caucusId, participantId, entry) => addMember(caseId, caucusId, participantId, entry),
    closeCaucus: async (caseId, caucusId, at, entry) => close(caseId, caucusId, at, entry),
    closeOpenCaucuses: async (at, caseId) =>
      (caseId === undefined ? statements.closeOpen.run(at) : statements.closeOpenOfCase.run(at, caseId)).changes,
    listCaucuses: async (caseId) => (statements.list.all(caseId) as Row[]).map(toCaucus),
  };
}
