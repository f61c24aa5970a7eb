import pg from 'pg';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../store.js';
import { applyMigrations } from './apply-migrations.js';
import { CaseWriteQueue } from './case-write-queue.js';
import { DocumentWriteQueue } from './document-write-queue.js';
import { postgresAccountSessions } from './postgres-account-sessions.js';
import { postgresArchive } from './postgres-archive.js';
import { postgresAudit } from './postgres-audit.js';
import { postgresCases } from './postgres-cases.js';
import { postgresCaucuses } from './postgres-caucuses.js';
import { postgresChat } from './postgres-chat.js';
import { postgresDesk } from './postgres-desk.js';
import { postgresDrafting } from './postgres-drafting.js';
import { postgresOrganisation } from './postgres-organisation.js';
import { postgresSigning } from './postgres-signing.js';
import { postgresStatistics } from './postgres-statistics.js';

/**
 * Connections one store keeps at most. A transaction waiting for another process's lock of a
 * case or document holds one (this process queues its own: case-write-queue.ts,
 * document-write-queue.ts).
 */
export const POOL_SIZE = 20;

/**
 * Opens the PostgreSQL store at `url` (a `postgres://` connection string), applying the
 * migrations it lacks first. Several processes may open one database at once: each write is
 * a transaction committed before it resolves, and what must happen one at a time (a case's
 * audit chain and conditional changes, a document's numbering, the migrations) takes an
 * advisory lock of the database (advisory-locks.ts). `logger` hears of connections lost while
 * idle, which the pool replaces.
 */
export async function openPostgresStore(url: string, logger?: Pick<Logger, 'error'>): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // An idle connection that breaks (the server restarts) is dropped from the pool and
  // reported here; without a listener it would end the process.
  // Logged by message: the error carries its whole client, pool and all.
  pool.on('error', (error) => logger?.error({ err: { message: error.message, code: (error as NodeJS.ErrnoException).code } }, 'an idle PostgreSQL connection failed'));
  try {
    await applyMigrations(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const documents = new DocumentWriteQueue(pool);
  const cases = new CaseWriteQueue(pool);

  return {
    ...postgresOrganisation(pool),
    ...postgresCases(pool, cases),
    ...postgresDesk(pool, cases),
    ...postgresAccountSessions(pool),
    ...postgresDrafting(pool, documents, cases),
    ...postgresSigning(pool, cases),
    ...postgresAudit(pool, cases),
    ...postgresChat(pool),
    ...postgresCaucuses(pool, cases),
    ...postgresArchive(pool),
    ...postgresStatistics(pool),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      await Promise.all([documents.drained(), cases.drained()]);
      await pool.end();
    },
  };
}
