import type pg from 'pg';
import { CASE_STATUSES, caseTransition, type CaseStatus } from '@mediation/shared';
import { SERVICE_ACTOR } from '../../audit/audit-entry.js';
import { deskActionEntry, type DeskAction, type DeskActionResult } from '../../cases/desk-action.js';
import type { CaseStore } from '../case-store.js';
import type { RoomSessionRecord } from '../records.js';
import { LockSpace, lockForTransaction } from './advisory-locks.js';
import { appendAuditEntry } from './postgres-audit.js';
import { CASE_WITH_SESSION, toCase, toParticipant } from './postgres-case-rows.js';
import type { CaseWriteQueue } from './case-write-queue.js';

type Row = Record<string, unknown>;

/** `%` and `_` typed in a search are looked for as themselves, not as LIKE's wildcards. */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toRoomSession = (r: Row): RoomSessionRecord => ({
  id: r.id as string,
  caseId: r.case_id as string,
  startedAt: r.started_at as string,
  endedAt: (r.ended_at as string | null) ?? null,
});

/**
 * Runs the state machine on the case as it is now and writes what it decides, inside the
 * transaction of `client` (issuing an agreement settles its case in the issuing's own). The
 * case's lock is held before the status is read (taken here should the transaction not hold
 * it yet), and every audited change of the case takes it too, so the status read is still
 * the case's status when the change is written, whatever another process does meanwhile.
 */
export async function applyDeskActionInTransaction(client: pg.ClientBase, caseId: string, action: DeskAction): Promise<DeskActionResult> {
  await lockForTransaction(client, LockSpace.case, caseId);
  const [state] = (
    await client.query<{ status: CaseStatus; issued: boolean }>(
      'SELECT status, EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = cases.id) AS issued FROM cases WHERE id = $1',
      [caseId],
    )
  ).rows;
  if (!state) return { kind: 'no-such-case' };
  const transition = caseTransition(state.status, action, { agreementIssued: state.issued });
  if (transition.kind === 'refused') return { kind: 'refused', status: state.status, reason: transition.reason };
  if (transition.kind === 'unchanged') return { kind: 'unchanged', status: state.status };
  const closes = action.kind === 'record-outcome' || action.kind === 'agreement-issued';
  // Conditional on the status read, as in SQLite: a change that slipped past the lock is left undone, never overwritten.
  const changed = await client.query(
    `UPDATE cases SET status = $3,
       scheduled_at = COALESCE($4, scheduled_at),
       closed_at = COALESCE($5, closed_at),
       outcome_note = COALESCE($6, outcome_note)
     WHERE id = $1 AND status = $2`,
    [
      caseId,
      state.status,
      transition.status,
      action.kind === 'schedule' ? action.scheduledAt : null,
      closes ? action.at : null,
      action.kind === 'record-outcome' ? action.note : null,
    ],
  );
  if (changed.rowCount !== 1) throw new Error(`case ${caseId} changed inside its own transaction`);
  await appendAuditEntry(client, deskActionEntry(caseId, action, state.status, transition.status));
  return { kind: 'changed', from: state.status, to: transition.status };
}

type DeskMethods = Pick<
  CaseStore,
  'listDeskCases' | 'applyDeskAction' | 'startRoomSession' | 'endRoomSession' | 'endOpenRoomSessions' | 'listRoomSessions'
>;

/** The desk in PostgreSQL: cases by status and search, each change of status with its audit entry, the times a room was held. */
export function postgresDesk(pool: pg.Pool, cases: CaseWriteQueue): DeskMethods {
  const rows = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[];
  return {
    listDeskCases: async (committeeId, filter) => {
      const like = filter.search ? likePattern(filter.search) : null;
      const cases = (
        await rows(
          // ILIKE: SQLite's LIKE ignores the case of ASCII letters, and the text columns' "C" collation folds no others.
          `${CASE_WITH_SESSION}
           WHERE cases.committee_id = $1
             AND ($2::text IS NULL OR cases.status = $2::text)
             AND ($3::text IS NULL OR cases.case_number ILIKE $3::text ESCAPE '\\' OR cases.title ILIKE $3::text ESCAPE '\\')
           -- Cases made in the same millisecond: the one made later first.
           ORDER BY cases.created_at DESC, cases.rowid DESC
           LIMIT $4 OFFSET $5`,
          [committeeId, filter.status ?? null, like, filter.limit, filter.offset],
        )
      ).map(toCase);
      const participants = (
        await rows('SELECT * FROM participants WHERE case_id = ANY($1::text[]) ORDER BY rowid', [cases.map((c) => c.id)])
      ).map(toParticipant);
      const counts = Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<CaseStatus, number>;
      const byStatus = await rows(
        `SELECT status, COUNT(*) AS count FROM cases
         WHERE committee_id = $1
           AND ($2::text IS NULL OR case_number ILIKE $2::text ESCAPE '\\' OR title ILIKE $2::text ESCAPE '\\')
         GROUP BY status`,
        [committeeId, like],
      );
      for (const row of byStatus) counts[row.status as CaseStatus] = Number(row.count);
      const total = filter.status ? counts[filter.status] : Object.values(counts).reduce((sum, n) => sum + n, 0);
      return { cases: cases.map((c) => ({ ...c, participants: participants.filter((p) => p.caseId === c.id) })), total, counts };
    },
    applyDeskAction: (caseId, action) => cases.run(caseId, (client) => applyDeskActionInTransaction(client, caseId, action)),
    startRoomSession: (session) =>
      cases.run(session.caseId, async (client) => {
        await client.query('INSERT INTO room_sessions (id, case_id, started_at, ended_at) VALUES ($1, $2, $3, NULL)', [
          session.id,
          session.caseId,
          session.startedAt,
        ]);
        await applyDeskActionInTransaction(client, session.caseId, { kind: 'room-opened', at: session.startedAt, actor: SERVICE_ACTOR });
      }),
    endRoomSession: async (id, at) =>
      (await pool.query('UPDATE room_sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [id, at])).rowCount === 1,
    endOpenRoomSessions: async (at) => (await pool.query('UPDATE room_sessions SET ended_at = $1 WHERE ended_at IS NULL', [at])).rowCount ?? 0,
    listRoomSessions: async (caseId) =>
      (await rows('SELECT * FROM room_sessions WHERE case_id = $1 ORDER BY started_at, rowid', [caseId])).map(toRoomSession),
  };
}
