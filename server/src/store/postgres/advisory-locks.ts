import type pg from 'pg';

/**
 * The first key of every advisory lock the store takes (PostgreSQL's two-integer form): what
 * the lock guards. The second key is a hash of the thing locked; two things that hash alike
 * only wait for each other, which costs time and never correctness.
 */
export const LockSpace = {
  /** Applying the schema's migrations: one process at a time. */
  migrations: 1,
  /** A case's audited changes: its audit chain, and every condition checked before writing an entry. */
  case: 2,
  /** The appends of one live document, which number its updates. */
  document: 3,
} as const;

/** Waits for the lock of `key` in `space`, held until the transaction ends. */
export async function lockForTransaction(client: pg.ClientBase, space: (typeof LockSpace)[keyof typeof LockSpace], key: string): Promise<void> {
  // A statement of its own: the statements after it read with a snapshot taken once the lock
  // is held, so they see everything the lock's previous holder committed.
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [space, key]);
}
