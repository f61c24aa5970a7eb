import { beforeAll, describe, expect, it } from 'vitest';
import { formatFindings, type FindingKind } from '../support/fuzz/findings.js';
import { INPUT_CLASS_NAMES, parseSkip } from '../support/fuzz/input-classes.js';
import { runFuzz, type FuzzReport } from '../support/fuzz/run-fuzz.js';

// A short run of the fuzzing `npm run fuzz` does at length (scripts/fuzz/fuzz-service.ts).
// FUZZ_SEED, FUZZ_COUNT, FUZZ_SKIP and FUZZ_REPLAY (input indices) change it; a failure
// names the seed and the inputs to replay.
const seed = Number(process.env.FUZZ_SEED ?? 20_260_105);
const count = Number(process.env.FUZZ_COUNT ?? 1500);
const skip = parseSkip(process.env.FUZZ_SKIP);
const only = process.env.FUZZ_REPLAY?.split(',').map(Number);

let report: FuzzReport;

beforeAll(async () => {
  report = await runFuzz({ seed, count, skip, only });
}, 180_000);

/** The findings of these kinds, with the seed and how to replay each, as a failure message. */
function findingsOf(...kinds: FindingKind[]): { count: number; message: string } {
  const found = report.findings.filter((finding) => kinds.includes(finding.kind));
  return { count: found.length, message: `seed ${seed}, ${report.sent} inputs:\n${formatFindings(found)}` };
}

describe(`the service fed ${count} seeded inputs of every kind (seed ${seed})`, () => {
  it('is sent inputs of every class', () => {
    if (only) return;
    const missing = INPUT_CLASS_NAMES.filter((name) => !skip.has(name) && !report.byClass[name]);
    expect(missing).toEqual([]);
  });

  it('never exits', () => {
    const crash = findingsOf('crash');
    expect(report.exit, crash.message).toBeNull();
  });

  it('answers no HTTP request with a 5xx', () => {
    const errors = findingsOf('http-5xx');
    expect(errors.count, errors.message).toBe(0);
  });

  it('answers every event that asks for it with ok or a refusal whose code is an ErrorCode and whose message shows no internals', () => {
    const wrong = findingsOf('no-answer', 'bad-answer');
    expect(wrong.count, wrong.message).toBe(0);
  });

  it('lets no handshake in whose token is not valid for the room it asks for', () => {
    const accepted = findingsOf('handshake-accepted');
    expect(accepted.count, accepted.message).toBe(0);
  });

  it('answers every /healthz probe, sent every 50 ms from a connection of its own, within 2 s', () => {
    const stalls = findingsOf('stall');
    expect(report.health.probes, report.exit ? 'the service exited before the first probe' : 'no probe was answered').toBeGreaterThan(0);
    expect(report.health.failures, stalls.message).toEqual([]);
  });

  it('does not grow its memory without bound', () => {
    const memory = findingsOf('memory');
    expect(memory.count, memory.message).toBe(0);
  });

  it('keeps a live session beside the fuzzing intact: its text and signature stay, and it completes to a verified PDF', () => {
    const live = findingsOf('live-session');
    expect(report.live, 'the live session was not checked (the service exited)').not.toBeNull();
    expect(report.live!.problems, live.message).toEqual([]);
    expect(report.live!.completionProblems, live.message).toEqual([]);
  });

  it('issues the agreement of every case whose signatures it accepted', () => {
    const signing = findingsOf('signing');
    expect(signing.count, signing.message).toBe(0);
  });

  it('meets no unexpected error: no event is answered INTERNAL and nothing is logged as failed', () => {
    const internal = findingsOf('internal-error');
    expect(internal.count, internal.message).toBe(0);
  });
});
