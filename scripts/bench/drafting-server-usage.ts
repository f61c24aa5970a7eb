import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface ServerUsage {
  /** CPU time of the whole process (user and system) so far. */
  cpuMs: number;
  /** When it was read, on this process's clock. */
  atMs: number;
  /** Live heap after a full collection, and resident set size; only when asked for. */
  heapMB?: number;
  rssMB?: number;
  /** How late the event loop ran over the window, p99 and worst (ms); only when the window closes. */
  loopDelayP99Ms?: number;
  loopDelayMaxMs?: number;
}

/** The server's event-loop delay over the measured window: what any message arriving then waited at most. */
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/**
 * The server process's CPU time and, with `memory`, its memory. The collection that makes
 * the heap figure exact pauses the process, so it runs only once the measured window is over.
 */
export function serverUsage(memory: boolean): ServerUsage {
  const cpu = process.cpuUsage();
  const usage: ServerUsage = { cpuMs: (cpu.user + cpu.system) / 1000, atMs: performance.now() };
  if (!memory) {
    loopDelay.reset();
    loopDelay.enable();
    return usage;
  }
  loopDelay.disable();
  usage.loopDelayP99Ms = Math.round(loopDelay.percentile(99) / 1e4) / 100;
  usage.loopDelayMaxMs = Math.round(loopDelay.max / 1e4) / 100;
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { ...usage, heapMB: mb(heapUsed), rssMB: mb(rss) };
}

/** CPU use between two readings, as a percentage of one core. */
export function cpuPercent(before: ServerUsage, after: ServerUsage): number {
  return Math.round(((after.cpuMs - before.cpuMs) / (after.atMs - before.atMs)) * 1000) / 10;
}
