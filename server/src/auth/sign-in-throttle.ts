import { createHash } from 'node:crypto';

/** Attempts a bucket holds: ten at once, then one more every minute and a half. */
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_REFILL_SECONDS = 90;
/**
 * The most buckets kept (about 100 bytes each: a 22-character key and two numbers). To
 * push out a bucket still in use, a flood must make this many new ones before the
 * buckets it made itself refill, from as many different source addresses.
 */
export const MAX_SIGN_IN_BUCKETS = 50_000;

/** A sign-in attempt as the throttle counts it. */
export type SignInAttempt =
  /** From a browser holding a known-device cookie of the account it signs in to. */
  | { kind: 'known-device'; deviceId: string }
  /** From anyone else: counted against the account and against the source address. */
  | { kind: 'unknown-device'; email: string; sourceAddress: string };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in the clock's milliseconds. */
  refilledAt: number;
}

const REFILL_MS = SIGN_IN_REFILL_SECONDS * 1000;
/**
 * A bucket this close to full counts as refilled when room is made: forgetting it gives
 * back at most 1/90 of an attempt, and it spaces the passes over all buckets at least this
 * far apart, so a flood of new keys costs one pass a second, not one per key.
 */
const NEARLY_REFILLED_MS = 1000;

/**
 * Limits sign-in attempts so passwords cannot be guessed at speed (scrypt alone only slows
 * each guess down): per account and per source address, or, for the browser of someone
 * who signed in before, per device. A stranger who spends an account's attempts therefore
 * locks out only other strangers, never the person on their own known device.
 *
 * Memory is bounded by MAX_SIGN_IN_BUCKETS. When it is reached, buckets that have refilled
 * are forgotten first (forgetting one changes nothing: a new bucket starts full), then the
 * least recently used. A flood of other keys therefore resets nobody's bucket unless it
 * keeps more than MAX_SIGN_IN_BUCKETS of its own in use at once.
 */
export class SignInThrottle {
  /** In order of last use, the least recent first. */
  private readonly buckets = new Map<string, Bucket>();
  /** No bucket refills before this time, so a pass looking for refilled ones is useless until then. */
  private noneRefilledBefore = -Infinity;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly capacity = MAX_SIGN_IN_BUCKETS,
  ) {}

  /** Takes one attempt; false when the attempt must be refused. */
  allow(attempt: SignInAttempt): boolean {
    if (attempt.kind === 'known-device') return this.take(`device:${attempt.deviceId}`);
    // The address first: a source out of attempts spends none of the account's and makes no bucket for it.
    return this.take(`address:${attempt.sourceAddress}`) && this.take(`account:${attempt.email}`);
  }

  /** How many buckets are kept (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }

  private take(name: string): boolean {
    // Hashed: every key the same small size, and no email address kept in memory.
    const key = createHash('sha256').update(name).digest('base64url').slice(0, 22);
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      bucket.tokens = Math.min(SIGN_IN_ATTEMPTS, bucket.tokens + (now - bucket.refilledAt) / REFILL_MS);
      bucket.refilledAt = now;
    } else {
      this.makeRoom(now);
      bucket = { tokens: SIGN_IN_ATTEMPTS, refilledAt: now };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    this.noneRefilledBefore = Math.min(this.noneRefilledBefore, refilledAt(bucket));
    return true;
  }

  private makeRoom(now: number): void {
    if (this.buckets.size < this.capacity) return;
    if (now >= this.noneRefilledBefore) this.forgetRefilled(now);
    if (this.buckets.size < this.capacity) return;
    const leastRecent = this.buckets.keys().next().value;
    if (leastRecent !== undefined) this.buckets.delete(leastRecent);
  }

  /**
   * One pass over every bucket, forgetting those refilled or nearly so. It also learns when
   * the next one refills, more than NEARLY_REFILLED_MS away; new buckets start a whole
   * refill period away, so until then no pass is made.
   */
  private forgetRefilled(now: number): void {
    let earliest = Infinity;
    for (const [key, bucket] of this.buckets) {
      const full = refilledAt(bucket);
      if (full <= now + NEARLY_REFILLED_MS) this.buckets.delete(key);
      else earliest = Math.min(earliest, full);
    }
    this.noneRefilledBefore = earliest;
  }
}

/** When a bucket, left alone, holds all its attempts again. */
function refilledAt(bucket: Bucket): number {
  return bucket.refilledAt + (SIGN_IN_ATTEMPTS - bucket.tokens) * REFILL_MS;
}
