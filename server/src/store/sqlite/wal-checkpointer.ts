import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the thread copies the write-ahead log into the database. */
const CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's own default, restored if the thread fails. */
const AUTOCHECKPOINT_PAGES = 1_000;

export interface WalCheckpointer {
  /** A last checkpoint, then the thread ends. */
  close(): Promise<void>;
}

/**
 * Copies the database's write-ahead log back into the database from a thread of its own.
 * By default SQLite does it inside whichever commit takes the log past 1,000 pages, on the
 * service's main thread, and the copy ends with an fsync of several milliseconds: every
 * room's signalling and every document's edits waited for it, about once a second under
 * live drafting. The service's connection stops checkpointing; should the thread fail, the
 * connection takes the work back.
 */
export function startWalCheckpointer(db: Database.Database, onError: (error: unknown) => void): WalCheckpointer {
  db.pragma('wal_autocheckpoint = 0');
  const thread = new Worker(new URL('./wal-checkpoint-thread.mjs', import.meta.url), {
    workerData: { file: db.name, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  // The service's own handles keep the process alive, not this thread.
  thread.unref();
  // Not events.once: it would reject on the thread's 'error', with nobody waiting yet.
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  let closing = false;
  thread.on('error', (error) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    if (!closing) onError(error);
  });
  return {
    async close() {
      if (!closing) {
        closing = true;
        // Waited for, so the process stays until the last checkpoint is done.
        thread.ref();
        thread.postMessage('close');
      }
      await exited;
    },
  };
}
