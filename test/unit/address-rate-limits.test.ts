import { describe, expect, it } from 'vitest';
import { AddressRateLimits } from '../../server/src/http/address-rate-limits.js';

describe('rate limits per source address', () => {
  it('allow a burst, then one request as each refills, per address', () => {
    let now = 0;
    const limits = new AddressRateLimits(60, 3, 100, () => now);
    expect([1, 2, 3, 4].map(() => limits.take('a'))).toEqual([true, true, true, false]);
    expect(limits.take('b')).toBe(true);
    now += 1000;
    expect([limits.take('a'), limits.take('a')]).toEqual([true, false]);
  });

  it('keep at most their bound of addresses, forgetting the least recently seen', () => {
    const now = 0;
    const limits = new AddressRateLimits(60, 1, 2, () => now);
    expect(limits.take('a')).toBe(true);
    expect(limits.take('b')).toBe(true);
    expect(limits.take('a')).toBe(false);
    // A third address pushes out `b`, seen least recently; `a` keeps its empty bucket.
    expect(limits.take('c')).toBe(true);
    expect(limits.take('a')).toBe(false);
    expect(limits.take('b')).toBe(true);
  });
});
