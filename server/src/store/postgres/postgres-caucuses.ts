import type pg from 'pg';
import type { CaucusStore } from '../caucus-store.js';
import type { CaucusRecord } from '../records.js';
import { appendAuditEntry } from './postgres-audit.js';
import type { CaseWriteQueue } from './case-write-queue.js';

type Row = Record<string, unknown>;

const toCaucus = (r: Row): CaucusRecord => ({
  id: r.id as string,
  caseId: r.case_id as string,
  name: r.name as string,
  memberIds: JSON.parse(r.member_ids as string) as string[],
  openedAt: r.opened_at as string,
  closedAt: (r.closed_at as string | null) ?? null,
});

/** The case's caucuses in PostgreSQL, each change in one transaction with its audit entry. */
export function postgresCaucuses(pool: pg.Pool, cases: CaseWriteQueue): CaucusStore {
  return {
    openCaucus: (caucus, entry) =>
      cases.run(caucus.caseId, async (client) => {
        await client.query(`INSERT INTO caucuses (id, case_id, name, member_ids, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, NULL)`, [
          caucus.id,
          caucus.caseId,
          caucus.name,
          JSON.stringify(caucus.memberIds),
          caucus.openedAt,
        ]);
        await appendAuditEntry(client, entry);
      }),
    addCaucusMember: (caseId, caucusId, participantId, entry) =>
      cases.run(caseId, async (client) => {
        // The row's lock: closing every open caucus (closeOpenCaucuses) writes no audit entry and takes no case lock.
        const [row] = (await client.query('SELECT * FROM caucuses WHERE case_id = $1 AND id = $2 FOR UPDATE', [caseId, caucusId])).rows as Row[];
        if (!row) return undefined;
        const caucus = toCaucus(row);
        if (caucus.closedAt === null && !caucus.memberIds.includes(participantId)) {
          caucus.memberIds = [...caucus.memberIds, participantId];
          await client.query('UPDATE caucuses SET member_ids = $3 WHERE case_id = $1 AND id = $2 AND closed_at IS NULL', [
            caseId,
            caucusId,
            JSON.stringify(caucus.memberIds),
          ]);
        }
        await appendAuditEntry(client, entry);
        return caucus;
      }),
    closeCaucus: (caseId, caucusId, at, entry) =>
      cases.run(caseId, async (client) => {
        const closed = await client.query('UPDATE caucuses SET closed_at = $3 WHERE case_id = $1 AND id = $2 AND closed_at IS NULL', [caseId, caucusId, at]);
        if (closed.rowCount === 0) return false;
        await appendAuditEntry(client, entry);
        return true;
      }),
    closeOpenCaucuses: async (at, caseId) =>
      (caseId === undefined
        ? await pool.query('UPDATE caucuses SET closed_at = $1 WHERE closed_at IS NULL', [at])
        : await pool.query('UPDATE caucuses SET closed_at = $1 WHERE case_id = $2 AND closed_at IS NULL', [at, caseId])
      ).rowCount ?? 0,
    listCaucuses: async (caseId) =>
      ((await pool.query('SELECT * FROM caucuses WHERE case_id = $1 ORDER BY opened_at, rowid', [caseId])).rows as Row[]).map(toCaucus),
  };
}
