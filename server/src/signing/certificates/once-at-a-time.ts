/**
 * Runs `create` for a key unless a run for it is already under way, in which case that
 * run's result is shared: two first signatures arriving together must not each make a
 * key and overwrite the other's. Nothing is kept once the run settles, so the next call
 * reads the files again.
 */
export function onceAtATime<T>(running: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const existing = running.get(key);
  if (existing) return existing;
  const result = create().finally(() => running.delete(key));
  running.set(key, result);
  return result;
}
