import type pg from 'pg';
import { SerialQueue } from '@mediation/shared';
import { LockSpace, lockForTransaction } from './advisory-locks.js';
import { withTransaction } from './with-transaction.js';

interface CaseTurns {
  queue: SerialQueue;
  /** Changes queued and not yet settled; the case is forgotten when none are left. */
  waiting: number;
  /** Settles when the last change queued has. */
  last: Promise<unknown>;
}

/**
 * A case's audited changes from this process, each one transaction holding the case's lock
 * (LockSpace.case), run one after another in the order they were called.
 *
 * The lock alone keeps the audit chain whole and each change's condition true until it
 * commits, across processes. The queue adds what the SQLite store gives within one process,
 * where each transaction runs in full as it is called: a case's changes enter its chain in
 * the order they were made (a presence entry written without waiting, then the next one),
 * and a burst of changes to one case waits here rather than holding every pooled connection
 * while they wait for the lock.
 */
export class CaseWriteQueue {
  private readonly cases = new Map<string, CaseTurns>();

  constructor(private readonly pool: pg.Pool) {}

  run<T>(caseId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let turns = this.cases.get(caseId);
    if (!turns) {
      turns = { queue: new SerialQueue(), waiting: 0, last: Promise.resolve() };
      this.cases.set(caseId, turns);
    }
    const ofCase = turns;
    ofCase.waiting++;
    const result = ofCase.queue.push(() =>
      withTransaction(this.pool, async (client) => {
        await lockForTransaction(client, LockSpace.case, caseId);
        return work(client);
      }),
    );
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    ofCase.last = settled;
    void settled.then(() => {
      if (--ofCase.waiting === 0 && this.cases.get(caseId) === ofCase) this.cases.delete(caseId);
    });
    return result;
  }

  /** Settles once every change queued so far has. */
  async drained(): Promise<void> {
    await Promise.all([...this.cases.values()].map((turns) => turns.last));
  }
}
