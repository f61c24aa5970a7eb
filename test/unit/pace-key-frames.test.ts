import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_KEY_FRAME_INTERVAL_MS, paceKeyFrames } from '../../server/src/rooms/pace-key-frames.js';

describe('paceKeyFrames', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Resolves the pacing of `producerId` and says how long it waited. */
  async function waited(producerId: string): Promise<number> {
    const started = Date.now();
    let done = false;
    const pacing = paceKeyFrames(producerId).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    while (!done) await vi.advanceTimersByTimeAsync(5);
    await pacing;
    return Date.now() - started;
  }

  it('lets the first request go at once, and one close behind it too (they share the key frame)', async () => {
    expect(await waited('p-1')).toBe(0);
    await vi.advanceTimersByTimeAsync(20);
    expect(await waited('p-1')).toBe(0);
  });

  it('holds a request that would fall within the browser’s interval until it is past', async () => {
    await waited('p-2');
    await vi.advanceTimersByTimeAsync(100);
    const wait = await waited('p-2');
    expect(wait).toBeGreaterThanOrEqual(MIN_KEY_FRAME_INTERVAL_MS - 100);
    expect(wait).toBeLessThan(MIN_KEY_FRAME_INTERVAL_MS);
    // Another producer is not held by this one.
    expect(await waited('p-3')).toBe(0);
  });

  it('lets a request go at once once the interval is past', async () => {
    await waited('p-4');
    await vi.advanceTimersByTimeAsync(MIN_KEY_FRAME_INTERVAL_MS + 50);
    expect(await waited('p-4')).toBe(0);
  });

  it('lets a request that comes while another waits go with it, at its time', async () => {
    await waited('p-5');
    await vi.advanceTimersByTimeAsync(100);
    const second = waited('p-5');
    const third = (async () => {
      await Promise.resolve();
      return waited('p-5');
    })();
    const [secondWait, thirdWait] = await Promise.all([second, third]);
    expect(thirdWait).toBeLessThanOrEqual(secondWait);
    expect(thirdWait).toBeGreaterThan(0);
  });
});
