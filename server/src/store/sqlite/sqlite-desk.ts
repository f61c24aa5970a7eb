import type Database from 'better-sqlite3';
import { CASE_STATUSES, caseTransition, type CaseStatus } from '@mediation/shared';
import { SERVICE_ACTOR } from '../../audit/audit-entry.js';
import { deskActionEntry, type DeskAction, type DeskActionResult } from '../../cases/desk-action.js';
import type { CaseStore } from '../case-store.js';
import type { DeskFilter, RoomSessionRecord } from '../records.js';
import { CASE_WITH_SESSION, toCase, toParticipant } from './sqlite-case-rows.js';
import type { sqliteAudit } from './sqlite-audit.js';

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
 * The desk's statements: cases by status and search, each change of a case's status with its
 * audit entry, and the times its room was held. `applyDeskAction` runs inside the caller's
 * transaction (issuing an agreement settles its case in the issuing's own).
 */
export function sqliteDesk(db: Database.Database, audit: ReturnType<typeof sqliteAudit>) {
  const s = {
    caseState: db.prepare(
      `SELECT status, EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = cases.id) AS issued FROM cases WHERE id = ?`,
    ),
    // Conditional on the status read in the same transaction: a change made meanwhile (another
    // connection, another process) leaves this one undone rather than overwritten.
    setStatus: db.prepare(
      `UPDATE cases SET status = @to,
         scheduled_at = COALESCE(@scheduledAt, scheduled_at),
         closed_at = COALESCE(@closedAt, closed_at),
         outcome_note = COALESCE(@outcomeNote, outcome_note)
       WHERE id = @caseId AND status = @from`,
    ),
    page: db.prepare(
      `${CASE_WITH_SESSION}
       WHERE cases.committee_id = @committeeId
         AND (@status IS NULL OR cases.status = @status)
         AND (@like IS NULL OR cases.case_number LIKE @like ESCAPE '\\' OR cases.title LIKE @like ESCAPE '\\')
       -- Cases made in the same millisecond: the one made later first.
       ORDER BY cases.created_at DESC, cases.rowid DESC
       LIMIT @limit OFFSET @offset`,
    ),
    counts: db.prepare(
      `SELECT status, COUNT(*) AS count FROM cases
       WHERE committee_id = @committeeId
         AND (@like IS NULL OR case_number LIKE @like ESCAPE '\\' OR title LIKE @like ESCAPE '\\')
       GROUP BY status`,
    ),
    participantsOfCases: db.prepare('SELECT * FROM participants WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY rowid'),
    insertRoomSession: db.prepare('INSERT INTO room_sessions (id, case_id, started_at, ended_at) VALUES (@id, @caseId, @startedAt, NULL)'),
    endRoomSession: db.prepare('UPDATE room_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL'),
    endOpenRoomSessions: db.prepare('UPDATE room_sessions SET ended_at = ? WHERE ended_at IS NULL'),
    roomSessions: db.prepare('SELECT * FROM room_sessions WHERE case_id = ? ORDER BY started_at, rowid'),
  };

  /** Runs the state machine on the case as it is now and writes what it decides; call inside a transaction. */
  function applyDeskAction(caseId: string, action: DeskAction): DeskActionResult {
    const state = s.caseState.get(caseId) as { status: CaseStatus; issued: number } | undefined;
    if (!state) return { kind: 'no-such-case' };
    const transition = caseTransition(state.status, action, { agreementIssued: state.issued === 1 });
    if (transition.kind === 'refused') return { kind: 'refused', status: state.status, reason: transition.reason };
    if (transition.kind === 'unchanged') return { kind: 'unchanged', status: state.status };
    const closes = action.kind === 'record-outcome' || action.kind === 'agreement-issued';
    const changed = s.setStatus.run({
      caseId,
      from: state.status,
      to: transition.status,
      scheduledAt: action.kind === 'schedule' ? action.scheduledAt : null,
      closedAt: closes ? action.at : null,
      outcomeNote: action.kind === 'record-outcome' ? action.note : null,
    }).changes;
    if (changed !== 1) throw new Error(`case ${caseId} changed inside its own transaction`);
    audit.append(deskActionEntry(caseId, action, state.status, transition.status));
    return { kind: 'changed', from: state.status, to: transition.status };
  }

  const apply = db.transaction(applyDeskAction);
  const startRoomSession = db.transaction((session: Omit<RoomSessionRecord, 'endedAt'>) => {
    s.insertRoomSession.run(session);
    return applyDeskAction(session.caseId, { kind: 'room-opened', at: session.startedAt, actor: SERVICE_ACTOR });
  });

  const methods: Pick<
    CaseStore,
    'listDeskCases' | 'applyDeskAction' | 'startRoomSession' | 'endRoomSession' | 'endOpenRoomSessions' | 'listRoomSessions'
  > = {
    listDeskCases: async (committeeId: string, filter: DeskFilter) => {
      const like = filter.search ? likePattern(filter.search) : null;
      const cases = (s.page.all({ committeeId, status: filter.status ?? null, like, limit: filter.limit, offset: filter.offset }) as Row[]).map(toCase);
      const participants = (s.participantsOfCases.all(JSON.stringify(cases.map((c) => c.id))) as Row[]).map(toParticipant);
      const counts = Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<CaseStatus, number>;
      for (const row of s.counts.all({ committeeId, like }) as { status: CaseStatus; count: number }[]) counts[row.status] = row.count;
      const total = filter.status ? counts[filter.status] : Object.values(counts).reduce((sum, n) => sum + n, 0);
      return { cases: cases.map((c) => ({ ...c, participants: participants.filter((p) => p.caseId === c.id) })), total, counts };
    },
    applyDeskAction: async (caseId, action) => apply(caseId, action),
    startRoomSession: async (session) => {
      startRoomSession(session);
    },
    endRoomSession: async (id, at) => s.endRoomSession.run(at, id).changes === 1,
    endOpenRoomSessions: async (at) => s.endOpenRoomSessions.run(at).changes,
    listRoomSessions: async (caseId) => (s.roomSessions.all(caseId) as Row[]).map(toRoomSession),
  };
  return { applyDeskAction, methods };
}
