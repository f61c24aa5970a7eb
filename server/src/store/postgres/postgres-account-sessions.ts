import type pg from 'pg';
import type { AccountSessionRecord, AccountSessionStore } from '../account-session-store.js';

type Row = Record<string, unknown>;

const toSession = (r: Row): AccountSessionRecord => ({
  id: r.id as string,
  accountId: r.account_id as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  revokedAt: (r.revoked_at as string | null) ?? null,
});

/**
 * Sign-in sessions in PostgreSQL. Each statement is its own transaction, committed before it
 * resolves, so a revocation is seen by the next find on any server sharing the database.
 */
export function postgresAccountSessions(pool: pg.Pool): AccountSessionStore {
  return {
    createAccountSession: async (session) => {
      await pool.query(`INSERT INTO account_sessions (id, account_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5)`, [
        session.id,
        session.accountId,
        session.createdAt,
        session.expiresAt,
        session.revokedAt,
      ]);
    },
    findAccountSession: async (id) => {
      const [row] = (await pool.query('SELECT * FROM account_sessions WHERE id = $1', [id])).rows as Row[];
      return row === undefined ? undefined : toSession(row);
    },
    revokeAccountSession: async (id, at) =>
      (await pool.query('UPDATE account_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at])).rowCount === 1,
    pruneExpiredAccountSessions: async (now) => (await pool.query('DELETE FROM account_sessions WHERE expires_at < $1', [now])).rowCount ?? 0,
  };
}
