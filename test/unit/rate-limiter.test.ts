import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/src/realtime/rate-limiter.js';

describe('socket event rate limiter', () => {
  it('allows a burst, then refuses until tokens refill', () => {
    let clock = 0;
    const limiter = new RateLimiter(10, 3, () => clock);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
    clock += 100;
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    clock += 10_000;
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
  });
});
