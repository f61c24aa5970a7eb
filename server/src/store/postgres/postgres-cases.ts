import type pg from 'pg';
import type { CaseStore } from '../case-store.js';
import { appendAuditEntry } from './postgres-audit.js';
import { CASE_WITH_SESSION, toCase, toParticipant } from './postgres-case-rows.js';
import { insertAccount, insertCommittee } from './postgres-organisation.js';
import type { CaseWriteQueue } from './case-write-queue.js';
import { withTransaction } from './with-transaction.js';

type Row = Record<string, unknown>;

type CaseMethods = Pick<
  CaseStore,
  | 'createCommitteeWithAccount'
  | 'createCase'
  | 'listCases'
  | 'findCase'
  | 'listParticipants'
  | 'findParticipant'
  | 'revokeParticipant'
  | 'reissueParticipantLink'
  | 'markParticipantJoined'
  | 'listFirstJoins'
>;

/** Committees with their first account, cases with their session and participants, in PostgreSQL. */
export function postgresCases(pool: pg.Pool, cases: CaseWriteQueue): CaseMethods {
  const rows = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[];
  return {
    createCommitteeWithAccount: (committee, account) =>
      withTransaction(pool, async (client) => {
        await insertCommittee(client, committee);
        await insertAccount(client, account);
      }),
    createCase: (record, session, participants, entry) =>
      cases.run(record.id, async (client) => {
        await client.query(
          `INSERT INTO cases (id, committee_id, case_number, title, category, waiting_room, created_by, created_at, region_path)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT region_path FROM committees WHERE id = $2))`,
          [record.id, record.committeeId, record.caseNumber, record.title, record.category, record.waitingRoom, record.createdBy, record.createdAt],
        );
        await client.query('INSERT INTO sessions (id, case_id, created_at) VALUES ($1, $2, $3)', [session.id, session.caseId, session.createdAt]);
        for (const p of participants) {
          await client.query(
            `INSERT INTO participants (id, session_id, case_id, display_name, role, account_id, revoked_at, created_at, contact)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [p.id, p.sessionId, p.caseId, p.displayName, p.role, p.accountId, p.revokedAt, p.createdAt, p.contact ?? ''],
          );
        }
        await appendAuditEntry(client, entry);
      }),
    listCases: async (committeeId) =>
      (await rows(`${CASE_WITH_SESSION} WHERE cases.committee_id = $1 ORDER BY cases.created_at DESC, cases.id`, [committeeId])).map(toCase),
    findCase: async (id) => {
      const [row] = await rows(`${CASE_WITH_SESSION} WHERE cases.id = $1`, [id]);
      return row && toCase(row);
    },
    listParticipants: async (sessionId) =>
      (await rows('SELECT * FROM participants WHERE session_id = $1 ORDER BY rowid', [sessionId])).map(toParticipant),
    findParticipant: async (id) => {
      const [row] = await rows('SELECT * FROM participants WHERE id = $1', [id]);
      return row && toParticipant(row);
    },
    revokeParticipant: async (id, at) =>
      (await pool.query('UPDATE participants SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at])).rowCount === 1,
    reissueParticipantLink: async (id) => {
      const [row] = await rows('UPDATE participants SET revoked_at = NULL, link_generation = link_generation + 1 WHERE id = $1 RETURNING *', [id]);
      return row && toParticipant(row);
    },
    markParticipantJoined: async (participantId, at) => {
      await pool.query('UPDATE participants SET first_joined_at = $2 WHERE id = $1 AND first_joined_at IS NULL', [participantId, at]);
    },
    listFirstJoins: async (sessionId) =>
      new Map(
        (await rows('SELECT id, first_joined_at FROM participants WHERE session_id = $1 AND first_joined_at IS NOT NULL', [sessionId])).map((r) => [
          r.id as string,
          r.first_joined_at as string,
        ]),
      ),
  };
}
