import type pg from 'pg';
import { LockSpace, lockForTransaction } from './advisory-locks.js';
import { migrations } from './migrations.js';
import { withTransaction } from './with-transaction.js';

/** The migrations lock's one key: there is one schema. */
const SCHEMA_LOCK_KEY = 'schema';

/**
 * Applies the migrations not applied yet, each in a transaction of its own with its record
 * in schema_migrations. Each transaction takes the migrations lock first, so that processes
 * opening the store at once apply each migration once: the one that waited finds it recorded.
 */
export async function applyMigrations(pool: pg.Pool): Promise<void> {
  for (const migration of migrations) {
    await withTransaction(pool, async (client) => {
      await lockForTransaction(client, LockSpace.migrations, SCHEMA_LOCK_KEY);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const applied = await client.query('SELECT 1 FROM schema_migrations WHERE name = $1', [migration.name]);
      if (applied.rowCount !== 0) return;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
    });
  }
}
