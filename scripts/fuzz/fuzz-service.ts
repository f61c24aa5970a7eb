/**
 * Fuzzes the whole service with seeded inputs (100,000 by default) and prints what it
 * found, then one JSON line whose `targets` say whether the service held.
 *
 *   npm run fuzz
 *   FUZZ_SEED=7 FUZZ_COUNT=20000 npm run fuzz
 *   FUZZ_SKIP=socket:numeric-event-name,raw:numeric-event-name npm run fuzz   (leave out classes that crash it)
 *   FUZZ_SEED=7 FUZZ_REPLAY=1234 npm run fuzz                                 (send input 1234 of seed 7 alone)
 *
 * After a crash, each of the inputs sent last is sent again alone to a fresh service to
 * find the one that crashes it by itself; after a stall, the same for the inputs answered
 * as it ended (FUZZ_TRIAGE=0 skips both).
 */
import fs from 'node:fs';
import { formatFindings } from '../../test/support/fuzz/findings.js';
import { parseSkip } from '../../test/support/fuzz/input-classes.js';
import { runFuzz, type FuzzReport } from '../../test/support/fuzz/run-fuzz.js';

/** /healthz is first probed this long with nothing sent: the floor the 100 ms target is held against. */
const FLOOR_MS = Number(process.env.FUZZ_FLOOR_MS ?? 20_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const count = Number(process.env.FUZZ_COUNT ?? 100_000);
const skip = parseSkip(process.env.FUZZ_SKIP);
const only = process.env.FUZZ_REPLAY ? process.env.FUZZ_REPLAY.split(',').map(Number) : undefined;
const triage = process.env.FUZZ_TRIAGE !== '0';
/** Stalls whose inputs are replayed one at a time to find the one that causes each. */
const STALLS_TRIAGED = 4;

const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();
const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MB`);
const sorted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');

console.log(`fuzzing with seed ${seed}: ${only ? `inputs ${only.join(', ')}` : `${count} inputs`}${skip.size ? `, leaving out ${[...skip].join(', ')}` : ''}`);
const loadBefore = loadavg();
const report = await runFuzz({ seed, count, only, skip, floorMs: FLOOR_MS, progress: (line) => console.log(`  ${line}`) });
const loadAfter = loadavg();

/** Sends each candidate alone to a fresh service: the first that crashes it by itself is the culprit. */
async function findCrashingInput(candidates: number[]): Promise<number | null> {
  for (const index of candidates) {
    const alone = await runFuzz({ seed, count: 0, only: [index], skip, liveSession: false });
    console.log(`  input ${index} alone: ${alone.exit ? `crashes (${alone.findings[0]?.summary})` : 'no crash'}`);
    if (alone.exit) return index;
  }
  return null;
}

/** Sends each suspect alone to a fresh service: the first that holds it past the bound by itself is the culprit. */
async function findStallingInput(suspects: number[]): Promise<{ index: number; latencyMs: number } | null> {
  for (const index of suspects) {
    const alone = await runFuzz({ seed, count: 0, only: [index], skip, liveSession: false });
    const latencyMs = Math.round(Math.max(0, ...alone.health.failures.map((failure) => failure.latencyMs)));
    console.log(`  input ${index} alone: ${alone.health.failures.length > 0 ? `stalls it (${latencyMs} ms)` : `no stall (max ${alone.health.latencyMs.max} ms)`}`);
    if (alone.health.failures.length > 0) return { index, latencyMs };
  }
  return null;
}

let crashingInput: number | null = null;
if (report.exit && triage && !only) {
  console.log('\nthe service exited; sending the inputs sent last one at a time:');
  crashingInput = await findCrashingInput(report.crashCandidates.slice(0, 30));
}
const stallingInputs: { index: number; latencyMs: number }[] = [];
if (report.stalls.length > 0 && triage && !only) {
  // The worst few: each replay starts a service of its own.
  const worst = [...report.stalls].sort((a, b) => b.latencyMs - a.latencyMs).slice(0, STALLS_TRIAGED);
  for (const stall of worst) {
    if (stall.suspectIndices.some((index) => stallingInputs.some((found) => found.index === index))) continue;
    console.log(`\n/healthz took ${stall.latencyMs} ms at ${(stall.atMs / 1000).toFixed(1)} s; sending the inputs answered as it ended one at a time:`);
    const found = await findStallingInput(stall.suspectIndices.slice(0, 8));
    if (found) stallingInputs.push(found);
  }
}

printFigures(report);
console.log(`\nfindings (${report.findings.length}), most severe first:\n${formatFindings(report.findings) || 'none'}`);
if (crashingInput !== null) console.log(`\nthe input that crashes the service by itself: FUZZ_SEED=${seed} FUZZ_REPLAY=${crashingInput}`);
for (const { index, latencyMs } of stallingInputs) console.log(`an input that stalls the service by itself (${latencyMs} ms): FUZZ_SEED=${seed} FUZZ_REPLAY=${index}`);

const targets = {
  noCrash: report.exit === null,
  no5xx: !report.findings.some((finding) => finding.kind === 'http-5xx'),
  healthzUnder100ms: report.health.failures.length === 0 && report.health.latencyMs.max < 100,
  liveSessionIntact: report.live !== null && report.live.problems.length === 0 && report.live.completionProblems.length === 0,
};
console.log(
  JSON.stringify({
    seed,
    inputs: report.sent,
    skip: report.skip,
    inputsPerSecond: report.inputsPerSecond,
    healthzMs: report.health.latencyMs,
    healthzFloorMs: report.healthFloor?.latencyMs ?? null,
    eventLoopLagFloorMaxMs: report.healthFloor?.eventLoopLagMaxMs ?? null,
    eventLoopLagMaxMs: report.eventLoopLagMaxMs,
    rssBeforeBytes: report.memory.rssBeforeBytes,
    rssAfterBytes: report.memory.rssAfterBytes,
    loadavg: { before: loadBefore, after: loadAfter },
    findings: report.findings.map((finding) => ({ kind: finding.kind, summary: finding.summary, count: finding.count })),
    crashingInput,
    stallingInputs,
    targets,
  }),
);

function printFigures(report: FuzzReport): void {
  const { health, memory } = report;
  console.log(`
seed ${report.seed}; ${report.sent} inputs in ${(report.durationMs / 1000).toFixed(1)} s: ${report.inputsPerSecond} inputs/s
/proc/loadavg before: ${loadBefore}; after: ${loadAfter}
service: ${report.exit ? `EXITED (code ${report.exit.code}, signal ${report.exit.signal})` : 'still running'}
acknowledgements and refusals by code: ${sorted(report.answers)}
HTTP statuses: ${sorted(report.httpStatuses)}
handshakes: ${sorted(report.handshakes)}
other outcomes: ${sorted(report.outcomes) || 'none'}
inputs by class: ${sorted(report.byClass)}
slowest answer by class (ms): ${sorted(report.slowestMs)}
/healthz: ${health.probes} probes, p50 ${health.latencyMs.p50} ms, p99 ${health.latencyMs.p99} ms, max ${health.latencyMs.max} ms; over 100 ms: ${health.over100ms}; failed (over 2 s, not 200, unanswered): ${health.failures.length}
/healthz with nothing sent (floor, ${FLOOR_MS / 1000} s): ${report.healthFloor ? `${report.healthFloor.probes} probes, p50 ${report.healthFloor.latencyMs.p50} ms, p99 ${report.healthFloor.latencyMs.p99} ms, max ${report.healthFloor.latencyMs.max} ms; event-loop delay max ${report.healthFloor.eventLoopLagMaxMs ?? 'n/a'} ms` : 'not measured'}
event-loop delay, max (service's own monitor): ${report.eventLoopLagMaxMs ?? 'n/a'} ms
RSS before ${mb(memory.rssBeforeBytes)}, after ${mb(memory.rssAfterBytes)}, peak ${mb(memory.rssPeakBytes)} (highest sample ${mb(memory.rssMaxSampledBytes)})
stalls (a /healthz probe over 2 s or failed), with the inputs answered as each ended:${report.stalls.map((stall) => `\n  at ${(stall.atMs / 1000).toFixed(1)} s: ${stall.latencyMs} ms (${stall.reason}); ${stall.suspects.slice(0, 3).join('; ')}`).join('') || ' none'}
reconnects: ${sorted(report.reconnects)}
live session: ${report.live ? (report.live.problems.length + report.live.completionProblems.length === 0 ? 'intact and completed' : [...report.live.problems, ...report.live.completionProblems].join('; ')) : 'not checked'}`);
}
