/**
 * Runs `create` for a key unless a run for it is already under way, in which case that
 * run's result is shared: two first signatures arriving together must not each make a
 * key and overwrite the other's. Runs are told apart by their owner (the kept secrets
 * they read and write) and key. Nothing is kept once the run settles, so the next call
 * reads the kept secrets again.
 */
export class OnceAtATime<T> {
  private readonly running = new WeakMap<object, Map<string, Promise<T>>>();

  run(owner: object, key: string, create: () => Promise<T>): Promise<T> {
    let runs = this.running.get(owner);
    if (!runs) {
      runs = new Map();
      this.running.set(owner, runs);
    }
    const existing = runs.get(key);
    if (existing) return existing;
    const result = create().finally(() => runs.delete(key));
    runs.set(key, result);
    return result;
  }
}
