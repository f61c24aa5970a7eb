import type pg from 'pg';

/**
 * Runs `work` in one transaction on a client of its own from the pool: committed when it
 * resolves (the returned promise resolves after the commit), rolled back when it throws.
 * READ COMMITTED, PostgreSQL's default: each statement reads what was committed when it
 * began, so a statement after a lock sees the writes of the lock's previous holder.
 *
 * A client whose transaction could not begin, commit or roll back is in an unknown state:
 * it is closed rather than returned to the pool.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  // The connection may break between two statements (the server restarts); the client then
  // reports it as an event, which would end the process unheard. The next statement fails.
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  const release = (error?: Error) => {
    client.off('error', onError);
    client.release(error ?? lost);
  };

  try {
    await client.query('BEGIN');
  } catch (error) {
    release(error as Error);
    throw error;
  }
  let result: T;
  try {
    result = await work(client);
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      release();
    } catch (rollbackError) {
      release(rollbackError as Error);
    }
    throw error;
  }
  try {
    await client.query('COMMIT');
  } catch (error) {
    release(error as Error);
    throw error;
  }
  release();
  return result;
}
