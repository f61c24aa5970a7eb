import { describe, expect, it } from 'vitest';
import {
  MAX_SIGN_IN_BUCKETS,
  SIGN_IN_ATTEMPTS,
  SIGN_IN_REFILL_SECONDS,
  SignInThrottle,
  type SignInAttempt,
} from '../../server/src/auth/sign-in-throttle.js';
import { sourceAddress } from '../../server/src/auth/source-address.js';

const stranger = (email: string, sourceAddress: string): SignInAttempt => ({ kind: 'unknown-device', email, sourceAddress });
const device = (deviceId: string): SignInAttempt => ({ kind: 'known-device', deviceId });
const REFILL_MS = SIGN_IN_REFILL_SECONDS * 1000;

/** A throttle on a clock the test moves. */
function throttleAt(capacity = MAX_SIGN_IN_BUCKETS) {
  const clock = { now: 0 };
  return { clock, throttle: new SignInThrottle(() => clock.now, capacity) };
}

function spend(throttle: SignInThrottle, attempt: SignInAttempt, times: number): boolean[] {
  return Array.from({ length: times }, () => throttle.allow(attempt));
}

describe('the sign-in throttle', () => {
  it('allows ten attempts for an account, then one more every minute and a half', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < SIGN_IN_ATTEMPTS; i++) expect(throttle.allow(stranger('m@x.org', `10.0.0.${i}`))).toBe(true);
    expect(throttle.allow(stranger('m@x.org', '10.0.1.1'))).toBe(false);
    clock.now += REFILL_MS - 1;
    expect(throttle.allow(stranger('m@x.org', '10.0.1.2'))).toBe(false);
    clock.now += 1;
    expect(throttle.allow(stranger('m@x.org', '10.0.1.3'))).toBe(true);
    expect(throttle.allow(stranger('m@x.org', '10.0.1.4'))).toBe(false);
  });

  it('allows ten attempts from one source address whatever emails they name', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < SIGN_IN_ATTEMPTS; i++) expect(throttle.allow(stranger(`guess${i}@x.org`, '192.0.2.7'))).toBe(true);
    expect(throttle.allow(stranger('another@x.org', '192.0.2.7'))).toBe(false);
    expect(throttle.allow(stranger('another@x.org', '192.0.2.8'))).toBe(true);
  });

  it('an attempt refused for its address spends none of the account’s attempts and keeps no bucket for it', () => {
    const { throttle } = throttleAt();
    spend(throttle, stranger('first@x.org', '192.0.2.7'), SIGN_IN_ATTEMPTS);
    const kept = throttle.size;
    for (let i = 0; i < 100; i++) expect(throttle.allow(stranger(`new${i}@x.org`, '192.0.2.7'))).toBe(false);
    expect(throttle.size).toBe(kept);
    expect(spend(throttle, stranger('new0@x.org', '198.51.100.1'), SIGN_IN_ATTEMPTS).every(Boolean)).toBe(true);
  });

  it('a known device signs in while strangers have spent every attempt of its account', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 50; i++) throttle.allow(stranger('m@x.org', `10.0.${i}.1`));
    expect(throttle.allow(stranger('m@x.org', '10.9.9.9'))).toBe(false);
    expect(throttle.allow(device('the-mediators-laptop'))).toBe(true);
  });

  it('a known device has ten attempts of its own, then waits like anyone else', () => {
    const { clock, throttle } = throttleAt();
    expect(spend(throttle, device('d1'), SIGN_IN_ATTEMPTS).every(Boolean)).toBe(true);
    expect(throttle.allow(device('d1'))).toBe(false);
    expect(throttle.allow(device('d2'))).toBe(true);
    clock.now += REFILL_MS;
    expect(throttle.allow(device('d1'))).toBe(true);
  });

  it('never keeps more buckets than its bound, however many new keys arrive', () => {
    const { clock, throttle } = throttleAt(100);
    for (let i = 0; i < 1000; i++) {
      clock.now += 1;
      throttle.allow(stranger(`flood${i}@x.org`, `10.1.${i >> 8}.${i & 255}`));
      expect(throttle.size).toBeLessThanOrEqual(100);
    }
  });

  it('a flood of new keys forgets refilled buckets and leaves an exhausted account as time alone refills it', () => {
    const { clock, throttle } = throttleAt(100);
    // A stranger spends the account's attempts from one address.
    spend(throttle, stranger('m@x.org', '203.0.113.1'), SIGN_IN_ATTEMPTS);
    // The flood: 540 buckets, five times the bound, 90 at a time, each round after the last one's refilled.
    const rounds = 6;
    const roundMs = REFILL_MS + 5_000;
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < 45; i++) expect(throttle.allow(stranger(`flood${round}-${i}@x.org`, `10.3.${round}.${i}`))).toBe(true);
      clock.now += roundMs;
    }
    // The account has what the time passed gives back (one attempt per 90 s), not a fresh ten.
    const earned = Math.floor((rounds * roundMs) / REFILL_MS);
    expect(earned).toBe(6);
    const allowed = Array.from({ length: SIGN_IN_ATTEMPTS }, (_, i) => throttle.allow(stranger('m@x.org', `198.51.100.${i}`)));
    expect(allowed.filter(Boolean)).toHaveLength(earned);
  });

  it('when every bucket is in use, the least recently used one is forgotten first', () => {
    const { clock, throttle } = throttleAt(4);
    throttle.allow(stranger('a@x.org', '10.0.0.1')); // two buckets: the address and the account
    clock.now += 1;
    spend(throttle, stranger('b@x.org', '10.0.0.2'), SIGN_IN_ATTEMPTS); // two more, both exhausted
    clock.now += 1;
    throttle.allow(stranger('c@x.org', '10.0.0.3')); // two new: a@'s two buckets go, b@'s stay
    expect(throttle.size).toBe(4);
    expect(throttle.allow(stranger('b@x.org', '10.0.0.4'))).toBe(false);
  });
});

describe('the source address of a sign-in attempt', () => {
  it('is the IPv4 address itself, also when written as an IPv4-mapped IPv6 address', () => {
    expect(sourceAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(sourceAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the /64 network of an IPv6 address, so one subscriber’s addresses count together', () => {
    expect(sourceAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceAddress('::1')).toBe('0:0:0:0::/64');
  });
});
