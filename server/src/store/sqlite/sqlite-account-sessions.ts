import type Database from 'better-sqlite3';
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
 * Sign-in sessions in SQLite. Each statement is its own transaction and the store has one
 * writer, so a revocation is visible to the next read on any connection.
 */
export function sqliteAccountSessions(db: Database.Database): AccountSessionStore {
  const s = {
    insert: db.prepare(
      `INSERT INTO account_sessions (id, account_id, created_at, expires_at, revoked_at)
       VALUES (@id, @accountId, @createdAt, @expiresAt, @revokedAt)`,
    ),
    find: db.prepare('SELECT * FROM account_sessions WHERE id = ?'),
    revoke: db.prepare('UPDATE account_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    prune: db.prepare('DELETE FROM account_sessions WHERE expires_at < ?'),
  };
  return {
    createAccountSession: async (session) => {
      s.insert.run(session);
    },
    findAccountSession: async (id) => {
      const row = s.find.get(id) as Row | undefined;
      return row === undefined ? undefined : toSession(row);
    },
    revokeAccountSession: async (id, at) => s.revoke.run(at, id).changes === 1,
    pruneExpiredAccountSessions: async (now) => s.prune.run(now).changes,
  };
}
