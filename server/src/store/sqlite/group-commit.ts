export interface GroupCommit<T, R> {
  /** Queues one write; resolves with its result once the group it joined is committed. */
  (item: T): Promise<R>;
  /** Commits what is queued now (before the database closes). */
  flush(): void;
}

interface Queued<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes queued in one turn of the event loop are committed together when the turn's I/O
 * is done (`setImmediate`), in one transaction: under load, messages arrive in bursts, and
 * one commit for a burst costs a fraction of one per message. Nothing is answered before
 * its commit. Should the group's transaction fail, each write is tried alone, so one bad
 * write fails only itself.
 */
export function groupCommit<T, R>(commitAll: (items: T[]) => R[], commitOne: (item: T) => R): GroupCommit<T, R> {
  let queued: Queued<T, R>[] = [];

  function flush(): void {
    const group = queued;
    queued = [];
    if (group.length === 0) return;
    let results: R[];
    try {
      results = commitAll(group.map((write) => write.item));
    } catch {
      for (const write of group) {
        try {
          write.resolve(commitOne(write.item));
        } catch (error) {
          write.reject(error);
        }
      }
      return;
    }
    group.forEach((write, index) => write.resolve(results[index]!));
  }

  const enqueue = (item: T) =>
    new Promise<R>((resolve, reject) => {
      if (queued.length === 0) setImmediate(flush);
      queued.push({ item, resolve, reject });
    });
  return Object.assign(enqueue, { flush });
}
