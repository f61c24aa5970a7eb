import path from 'node:path';
import Database from 'better-sqlite3';
import { makePrivateDirectory, makePrivateFile, restrictIfExists } from '../../files/private-files.js';
import type { AuditEntryInput } from '../../audit/audit-entry.js';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../store.js';
import type {
  AccountRecord,
  CommitteeRecord,
  NewCaseRecord,
  ParticipantRecord,
  SessionRecord,
} from '../records.js';
import { migrations } from './migrations.js';
import { CASE_WITH_SESSION, toCase, toParticipant } from './sqlite-case-rows.js';
import { sqliteDesk } from './sqlite-desk.js';
import { sqliteAccountSessions } from './sqlite-account-sessions.js';
import { registerArchiveFunctions, sqliteArchive } from './sqlite-archive.js';
import { sqliteAudit } from './sqlite-audit.js';
import { insertAgreementVersion, sqliteDrafting } from './sqlite-drafting.js';
import { sqliteCaucuses } from './sqlite-caucuses.js';
import { sqliteChat } from './sqlite-chat.js';
import { accountParams, sqliteOrganisation } from './sqlite-organisation.js';
import { sqliteSigning } from './sqlite-signing.js';
import { sqliteStatistics } from './sqlite-statistics.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

type Row = Record<string, unknown>;

export const DATABASE_FILE = 'mediation.sqlite';
/** How much of the database file reads map into memory, and SQLite's own page cache. */
const MMAP_BYTES = 2 ** 30;
const CACHE_KIB = 64 * 1024;
/** The files SQLite keeps beside the database in WAL mode. */
const DATABASE_COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

/**
 * Opens (and migrates) the embedded SQLite store in `dataDir`. The write-ahead log is
 * checkpointed from a thread of its own; `logger` hears if that thread fails.
 */
export function openSqliteStore(dataDir: string, logger?: Pick<Logger, 'error'>): Store {
  makePrivateDirectory(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  // Made private before SQLite opens it: SQLite gives its -wal and -shm files the database
  // file's mode. Those of an older install are restricted here too.
  makePrivateFile(file);
  for (const companion of DATABASE_COMPANION_SUFFIXES) restrictIfExists(file + companion);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Reads (the archive's searches above all) map the file instead of copying each page in
  // through a system call, and keep more pages of their own: a search touching a thousand
  // scattered rows of a 2 GB store then costs a few ms, not tens.
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  registerArchiveFunctions(db);
  migrate(db);
  const checkpointer = startWalCheckpointer(db, (error) => logger?.error({ err: error }, 'the WAL checkpoint thread failed; checkpointing on the main thread'));

  const statements = {
    insertCommittee: db.prepare(
      `INSERT INTO committees (id, name, kind, region_id, region_path, created_at)
       VALUES (@id, @name, @kind, @regionId, @regionPath, @createdAt)`,
    ),
    insertAccount: db.prepare(
      `INSERT INTO accounts (id, role, committee_id, region_id, email, display_name, password_hash, created_at, disabled_at)
       VALUES (@id, @role, @committeeId, @regionId, @email, @displayName, @passwordHash, @createdAt, @disabledAt)`,
    ),
    insertCase: db.prepare(
      `INSERT INTO cases (id, committee_id, case_number, title, category, waiting_room, created_by, created_at, region_path)
       VALUES (@id, @committeeId, @caseNumber, @title, @category, @waitingRoom, @createdBy, @createdAt,
               (SELECT region_path FROM committees WHERE id = @committeeId))`,
    ),
    reissueLink: db.prepare('UPDATE participants SET revoked_at = NULL, link_generation = link_generation + 1 WHERE id = ? RETURNING *'),
    insertSession: db.prepare('INSERT INTO sessions (id, case_id, created_at) VALUES (@id, @caseId, @createdAt)'),
    insertParticipant: db.prepare(
      `INSERT INTO participants (id, session_id, case_id, display_name, role, account_id, revoked_at, created_at, contact)
       VALUES (@id, @sessionId, @caseId, @displayName, @role, @accountId, @revokedAt, @createdAt, @contact)`,
    ),
    listCases: db.prepare(`${CASE_WITH_SESSION} WHERE cases.committee_id = ? ORDER BY cases.created_at DESC, cases.id`),
    findCase: db.prepare(`${CASE_WITH_SESSION} WHERE cases.id = ?`),
    participant: db.prepare('SELECT * FROM participants WHERE id = ?'),
    participantsOfSession: db.prepare('SELECT * FROM participants WHERE session_id = ? ORDER BY rowid'),
    revokeParticipant: db.prepare('UPDATE participants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    markJoined: db.prepare('UPDATE participants SET first_joined_at = ? WHERE id = ? AND first_joined_at IS NULL'),
    firstJoins: db.prepare('SELECT id, first_joined_at FROM participants WHERE session_id = ? AND first_joined_at IS NOT NULL'),
  };

  const createCommitteeWithAccount = db.transaction((committee: CommitteeRecord, account: AccountRecord) => {
    statements.insertCommittee.run(committee);
    statements.insertAccount.run(accountParams(account));
  });
  const audit = sqliteAudit(db);
  const createCase = db.transaction(
    (record: NewCaseRecord, session: SessionRecord, participants: ParticipantRecord[], entry: AuditEntryInput) => {
      statements.insertCase.run({ ...record, waitingRoom: record.waitingRoom ? 1 : 0 });
      statements.insertSession.run(session);
      for (const participant of participants) statements.insertParticipant.run({ ...participant, contact: participant.contact ?? '' });
      audit.append(entry);
    },
  );

  const { appends, ...drafting } = sqliteDrafting(db, audit);
  const desk = sqliteDesk(db, audit);
  const appendAudit = db.transaction(audit.append);

  const optional = <T>(row: unknown, map: (r: Row) => T): T | undefined =>
    row === undefined ? undefined : map(row as Row);

  return {
    ...sqliteOrganisation(db),
    createCommitteeWithAccount: async (committee, account) => createCommitteeWithAccount(committee, account),
    createCase: async (record, session, participants, entry) => createCase(record, session, participants, entry),
    listCases: async (committeeId) => (statements.listCases.all(committeeId) as Row[]).map(toCase),
    findCase: async (id) => optional(statements.findCase.get(id), toCase),
    listParticipants: async (sessionId) => (statements.participantsOfSession.all(sessionId) as Row[]).map(toParticipant),
    findParticipant: async (id) => optional(statements.participant.get(id), toParticipant),
    revokeParticipant: async (id, at) => statements.revokeParticipant.run(at, id).changes === 1,
    reissueParticipantLink: async (id) => optional(statements.reissueLink.get(id), toParticipant),
    markParticipantJoined: async (participantId, at) => {
      statements.markJoined.run(at, participantId);
    },
    listFirstJoins: async (sessionId) =>
      new Map((statements.firstJoins.all(sessionId) as Row[]).map((r) => [r.id as string, r.first_joined_at as string])),
    ...sqliteAccountSessions(db),
    ...sqliteArchive(db),
    ...sqliteChat(db),
    ...sqliteStatistics(db),
    ...sqliteCaucuses(db, audit),
    ...drafting,
    ...sqliteSigning(db, audit, insertAgreementVersion(db), desk.applyDeskAction),
    ...desk.methods,
    appendAudit: async (entry) => appendAudit(entry),
    listAudit: async (caseId) => audit.list(caseId),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      appends.flush();
      await checkpointer.close();
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let version = applied; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
