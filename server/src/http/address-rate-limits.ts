import { RateLimiter } from '../realtime/rate-limiter.js';

/**
 * A token bucket per source address, in bounded memory: past `capacity` addresses the
 * least recently seen is forgotten (it starts again with a full bucket, which a flood of
 * other addresses could also have had).
 */
export class AddressRateLimits {
  /** In order of last use, the least recent first. */
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request for `address`; false when it must be refused. */
  take(address: string): boolean {
    let limiter = this.limiters.get(address);
    if (limiter) {
      this.limiters.delete(address);
    } else {
      if (this.limiters.size >= this.capacity) this.limiters.delete(this.limiters.keys().next().value!);
      limiter = new RateLimiter(this.perMinute / 60, this.burst, this.now);
    }
    this.limiters.set(address, limiter);
    return limiter.take();
  }
}
