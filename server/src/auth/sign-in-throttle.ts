import { RateLimiter } from '../realtime/rate-limiter.js';

const ATTEMPTS = 10;
const REFILL_SECONDS = 90; // ten attempts, then one more every minute and a half
const MAX_TRACKED = 10_000;

/**
 * Limits sign-in attempts per account and per client address, so passwords cannot be
 * guessed at speed; scrypt alone only slows each guess down.
 */
export class SignInThrottle {
  private readonly buckets = new Map<string, RateLimiter>();

  /** Takes one attempt for each key; false if any of them has none left. */
  allow(keys: string[]): boolean {
    if (this.buckets.size > MAX_TRACKED) this.buckets.clear();
    let allowed = true;
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new RateLimiter(1 / REFILL_SECONDS, ATTEMPTS);
        this.buckets.set(key, bucket);
      }
      if (!bucket.take()) allowed = false;
    }
    return allowed;
  }
}
