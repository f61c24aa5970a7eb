import type pg from 'pg';

/**
 * Runs `work` in one transaction on a client of its own from the pool: committed when it
 * resolves (the returned promise resolves after the commit), rolled back when it throws.
 * READ COMMITTED, PostgreSQL's default: each statement reads what was committed when it
 * began, so a statement after a lock sees the writes of the lock's previous holder.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        // A client that cannot roll back is in an unknown state: it leaves the pool.
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
