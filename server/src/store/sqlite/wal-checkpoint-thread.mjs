// The WAL checkpoint thread's entry point (see wal-checkpointer.ts). Plain JavaScript: a
// worker thread does not inherit the TypeScript loader the service runs under, and this
// needs nothing of the service's code.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** Catch-up passes after the main one, each copying what was written during the last. */
const MAX_PASSES = 20;

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });

/**
 * PASSIVE copies without waiting for, or blocking, the service's connection. The log
 * starts over only when the service writes after a pass that found nothing left to copy,
 * so passes repeat (each copying what arrived during the last, quickly) until one finds
 * the log unchanged; otherwise, under a steady stream of writes, the log would never
 * start over and would grow without end.
 */
function checkpoint() {
  let previousLog = -1;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log === previousLog && checkpointed === log) return;
    previousLog = log;
  }
}

const timer = setInterval(checkpoint, intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
