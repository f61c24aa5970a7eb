import type pg from 'pg';
import { LockSpace, lockForTransaction } from './advisory-locks.js';
import { withTransaction } from './with-transaction.js';

/** Updates of one document committed in one transaction at most: bounds a transaction under a burst. */
export const MAX_UPDATES_PER_COMMIT = 256;

type Write =
  | { kind: 'append'; update: Uint8Array; resolve: (sequence: number) => void; reject: (error: unknown) => void }
  | { kind: 'step'; work: (client: pg.PoolClient) => Promise<unknown>; resolve: (result: unknown) => void; reject: (error: unknown) => void };

interface DocumentWrites {
  caseId: string;
  document: string;
  queued: Write[];
  /** Settles when the queue has been worked through and the document forgotten. */
  drained: Promise<void>;
}

/**
 * Inserts updates after the document's last one, numbered on from it; the caller holds the
 * document's lock, so no other process numbers the same document meanwhile and every
 * process reads the updates in one order, the sequence's.
 */
export async function insertDocumentUpdates(client: pg.ClientBase, caseId: string, document: string, updates: Uint8Array[]): Promise<number[]> {
  const [row] = (
    await client.query<{ last: number }>('SELECT COALESCE(MAX(sequence), 0) AS last FROM document_updates WHERE case_id = $1 AND document = $2', [
      caseId,
      document,
    ])
  ).rows;
  const sequences = updates.map((_, index) => row!.last + 1 + index);
  await client.query(
    `INSERT INTO document_updates (case_id, document, sequence, update_data)
     SELECT $1, $2, sequence, update_data FROM unnest($3::integer[], $4::bytea[]) AS written(sequence, update_data)`,
    [caseId, document, sequences, updates],
  );
  return sequences;
}

/**
 * Each document's writes, committed one after another in the order they were called, each
 * transaction holding the document's lock (which orders them with other processes' too).
 *
 * Appends queued while an earlier write of the document commits go together in the next
 * transaction: the SQLite store's group commit gathers one event-loop turn's appends for the
 * same reason, a commit costing far more than an insert. Here a plain insert per call would
 * also be correct across processes, but not in call order within one: pooled transactions
 * commit in whatever order the server finishes them. Should a group's transaction fail, each
 * of its appends is tried alone, so that one bad write fails only itself.
 *
 * Compaction and other writes of the document's updates (`run`) take their turn in the same
 * queue: a snapshot made when compaction was called then never lacks an update that the
 * compaction removes, as in SQLite, where the compaction's transaction runs at once.
 */
export class DocumentWriteQueue {
  private readonly documents = new Map<string, DocumentWrites>();

  constructor(private readonly pool: pg.Pool) {}

  /** Resolves with the update's sequence number once it is committed. */
  append(caseId: string, document: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => this.enqueue(caseId, document, { kind: 'append', update, resolve, reject }));
  }

  /** Runs `work` in its turn, in a transaction holding the document's lock. */
  run<T>(caseId: string, document: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.enqueue(caseId, document, { kind: 'step', work, resolve: resolve as (result: unknown) => void, reject }),
    );
  }

  /** Settles once every write queued so far is committed (or has failed). */
  async drained(): Promise<void> {
    await Promise.all([...this.documents.values()].map((writes) => writes.drained));
  }

  private enqueue(caseId: string, document: string, write: Write): void {
    const key = JSON.stringify([caseId, document]);
    const writes = this.documents.get(key);
    if (writes) {
      writes.queued.push(write);
      return;
    }
    const started: DocumentWrites = { caseId, document, queued: [write], drained: Promise.resolve() };
    this.documents.set(key, started);
    started.drained = this.workThrough(key, started);
  }

  private async workThrough(key: string, writes: DocumentWrites): Promise<void> {
    for (;;) {
      // Forgotten in the same turn as the queue is found empty: a write queued later starts a queue of its own.
      if (writes.queued.length === 0) {
        this.documents.delete(key);
        return;
      }
      const next = writes.queued[0]!;
      if (next.kind === 'step') {
        writes.queued.shift();
        await this.inTransaction(writes, next.work).then(next.resolve, next.reject);
        continue;
      }
      let count = 0;
      while (count < writes.queued.length && count < MAX_UPDATES_PER_COMMIT && writes.queued[count]!.kind === 'append') count++;
      const group = writes.queued.splice(0, count) as Extract<Write, { kind: 'append' }>[];
      await this.commitAppends(writes, group);
    }
  }

  private async commitAppends(writes: DocumentWrites, group: Extract<Write, { kind: 'append' }>[]): Promise<void> {
    const commit = (appends: typeof group) =>
      this.inTransaction(writes, (client) =>
        insertDocumentUpdates(
          client,
          writes.caseId,
          writes.document,
          appends.map((append) => append.update),
        ),
      );
    try {
      const sequences = await commit(group);
      group.forEach((append, index) => append.resolve(sequences[index]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const append of group) await commit([append]).then(([sequence]) => append.resolve(sequence!), append.reject);
    }
  }

  private inTransaction<T>(writes: DocumentWrites, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, async (client) => {
      await lockForTransaction(client, LockSpace.document, JSON.stringify([writes.caseId, writes.document]));
      return work(client);
    });
  }
}
