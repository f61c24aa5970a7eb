/**
 * Whether a sign-in's answer time tells that an email has an account: wrong passwords for
 * existing accounts against attempts with emails that have none, interleaved one for one
 * (so the machine's load falls on both alike), each from its own source address so the
 * throttle counts none of them against another. The service without the dummy hash
 * answered an unknown email about one scrypt sooner. Prints figures and ends with one JSON line.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../../server/src/auth/password.js';
import { SIGN_IN_ATTEMPTS } from '../../server/src/auth/sign-in-throttle.js';
import { startTestService } from '../../test/support/start-test-service.js';
import { percentiles } from './percentiles.js';
import { addCommitteeWithMediator } from '../../test/support/add-committee.js';

const ACCOUNTS = 5;
/** Attempts per account, fewer than the throttle allows, so none is refused. */
const ATTEMPTS_PER_ACCOUNT = SIGN_IN_ATTEMPTS - 2;
/** The medians may differ by this much of the wrong-password median: less than a tenth of one scrypt. */
const MAX_MEDIAN_DIFFERENCE = 0.05;
const round = (value: number) => Math.round(value * 100) / 100;

const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const service = await startTestService();
const now = new Date().toISOString();
const emails: string[] = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const committeeId = randomUUID();
  const email = `timing-${i}@bench.example`;
  await addCommitteeWithMediator(
    service.store,
    { id: committeeId, name: `Bench committee ${i}`, createdAt: now },
    { id: randomUUID(), email, displayName: `Bench ${i}`, passwordHash: await hashPassword(`the real password ${i}`) },
  );
  emails.push(email);
}

let address = 0;
/** One attempt's time to its answer, and the answer. */
async function attempt(email: string): Promise<{ ms: number; status: number; body: string }> {
  address++;
  const started = performance.now();
  const response = await fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.${address >> 8}.${address & 255}` },
    body: JSON.stringify({ email, password: 'a wrong password' }),
  });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

// Warm-up: the first attempts pay for compiling and for the dummy hash being made.
await attempt('warm-up@bench.example');
await attempt('warm-up-2@bench.example');

const wrongPassword: number[] = [];
const unknownEmail: number[] = [];
const answers = new Set<string>();
for (let round = 0; round < ATTEMPTS_PER_ACCOUNT; round++) {
  for (const email of emails) {
    const known = await attempt(email);
    const unknown = await attempt(`nobody-${round}-${email}`);
    wrongPassword.push(known.ms);
    unknownEmail.push(unknown.ms);
    answers.add(`${known.status} ${known.body}`);
    answers.add(`${unknown.status} ${unknown.body}`);
  }
}
await service.stop();

const known = percentiles(wrongPassword);
const unknown = percentiles(unknownEmail);
const medianDifferenceMs = round(unknown.p50 - known.p50);
const targets = {
  sameAnswer: answers.size === 1,
  mediansWithin5Percent: Math.abs(medianDifferenceMs) <= MAX_MEDIAN_DIFFERENCE * known.p50,
};
console.log(`\nsign-in with a wrong password vs with an email that has no account, ${wrongPassword.length} of each, interleaved`);
console.log(`  wrong password  p50 ${known.p50} ms  p95 ${known.p95} ms  max ${known.max} ms`);
console.log(`  unknown email   p50 ${unknown.p50} ms  p95 ${unknown.p95} ms  max ${unknown.max} ms`);
console.log(`  median difference ${medianDifferenceMs} ms; answers seen: ${[...answers].join(' | ')}`);
console.log(`  target: the same answer: ${targets.sameAnswer ? 'met' : 'NOT met'}; medians within ${MAX_MEDIAN_DIFFERENCE * 100}%: ${targets.mediansWithin5Percent ? 'met' : 'NOT met'}`);
console.log(`  load average before the run: ${loadBefore}`);
console.log(
  JSON.stringify({
    benchmark: 'sign-in-timing',
    samples: wrongPassword.length,
    loadAverage: loadBefore,
    wrongPassword: known,
    unknownEmail: unknown,
    medianDifferenceMs,
    targets,
  }),
);
