import fs from 'node:fs';

/**
 * Microseconds that runnable tasks of this machine (or container) have waited for a CPU so
 * far (Linux pressure stall information, "some"); null where the kernel does not report it.
 * Its growth over a measured window says how much the figures were shaped by other work on
 * a shared machine.
 */
export function cpuStallMicros(): number | null {
  try {
    const some = fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n').find((line) => line.startsWith('some '));
    const total = some?.match(/total=(\d+)/)?.[1];
    return total === undefined ? null : Number(total);
  } catch {
    return null;
  }
}
