/**
 * Public verification under attack: unauthenticated uploads to POST /api/verify of 2 MB and
 * 19 MB bodies made of nothing but distinct document numbers (the worst case for the scan
 * that looks for them), and of random bytes, each three times, against the real service in
 * this process. While each upload is processed, /healthz is asked every 5 ms and the event
 * loop's longest delay is recorded: what every room on the server would feel. An issued
 * PDF, the same with one changed byte, and a foreign one are verified alongside, to show
 * the verdicts are still right. Prints figures and ends with one JSON line.
 */
import fs from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { VerificationReport } from '@mediation/shared';
import { createTestCase } from '../../test/support/create-test-case.js';
import { issueFixtureAgreement } from '../../test/support/issue-fixture-agreement.js';
import { startTestService } from '../../test/support/start-test-service.js';
import { percentiles } from './percentiles.js';

const RUNS = 3;
const PROBE_INTERVAL_MS = 5;
const STALL_TARGET_MS = 100;
const MB = 1024 * 1024;
const round = (value: number) => Math.round(value * 100) / 100;

/** `bytes` of document numbers, no two alike (MA-<year>-<six digits>, 14 bytes each). */
function distinctNumbers(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 0x20);
  for (let i = 0, at = 0; at + 14 <= bytes; i++, at += 14) {
    body.write(`MA-${String(2000 + Math.floor(i / 1e6))}-${String(i % 1e6).padStart(6, '0')}`, at, 'latin1');
  }
  return body;
}

const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const service = await startTestService();
const created = await createTestCase(service);
const issued = await issueFixtureAgreement(service, created.caseId);
const healthzUrl = `${service.url}/healthz`;
const verifyUrl = new URL(`${service.url}/api/verify`);

/** POSTs a body to /api/verify; resolves with the status and the answer. */
function upload(body: Buffer): Promise<{ status: number; report: VerificationReport }> {
  return new Promise((resolve, reject) => {
    const request = http.request(verifyUrl, { method: 'POST', headers: { 'content-type': 'application/pdf', 'content-length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, report: JSON.parse(Buffer.concat(chunks).toString('utf8')) as VerificationReport }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

interface UploadFigures {
  totalMs: number;
  longestStallMs: number;
  /** The service reads, hashes and scans an upload as it arrives: processing is the whole upload. */
  healthzAnsweredDuringUpload: number;
  healthzSlowestMs: number;
}

/** One upload with /healthz probed throughout and the event loop watched. */
async function measure(body: Buffer): Promise<UploadFigures & { report: VerificationReport }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const answered: { sentAt: number; answeredAt: number }[] = [];
  let probing = true;
  const probes = (async () => {
    while (probing) {
      const sentAt = performance.now();
      const response = await fetch(healthzUrl);
      await response.arrayBuffer();
      answered.push({ sentAt, answeredAt: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  })();
  delay.enable();
  const started = performance.now();
  const { status, report } = await upload(body);
  const ended = performance.now();
  delay.disable();
  probing = false;
  await probes;
  if (status !== 200) throw new Error(`the upload was answered ${status}`);
  return {
    report,
    totalMs: round(ended - started),
    longestStallMs: round(delay.max / 1e6),
    healthzAnsweredDuringUpload: answered.filter((probe) => probe.sentAt > started && probe.answeredAt < ended).length,
    healthzSlowestMs: round(Math.max(0, ...answered.map((probe) => probe.answeredAt - probe.sentAt))),
  };
}

const scenarios = [
  { name: 'distinct numbers, 2 MB', body: distinctNumbers(2 * MB) },
  { name: 'distinct numbers, 19 MB', body: distinctNumbers(19 * MB) },
  { name: 'random bytes, 19 MB', body: randomBytes(19 * MB) },
];

// Warm-up: the first upload pays for compiling the code paths.
await measure(distinctNumbers(MB / 4));

/** The machine's own noise: the event loop's longest delay over a second with /healthz probed and no upload. */
async function idleStall(): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const until = performance.now() + 1000;
  while (performance.now() < until) {
    await (await fetch(healthzUrl)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  delay.disable();
  return round(delay.max / 1e6);
}
const idleStallMs = Math.max(await idleStall(), await idleStall(), await idleStall());

const results: Record<string, { totalMsP50: number; longestStallMs: number; healthzAnsweredDuringUploadMin: number; healthzSlowestMs: number }> = {};
console.log(`\nPOST /api/verify against the service in this process, ${RUNS} runs each; /healthz asked every ${PROBE_INTERVAL_MS} ms`);
console.log(`  no upload (the machine's noise)  event loop's longest stall ${idleStallMs} ms over three seconds`);
for (const { name, body } of scenarios) {
  const runs: UploadFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const figures = await measure(body);
    if (figures.report.authentic || figures.report.tampered) throw new Error(`${name} was called ours`);
    runs.push(figures);
  }
  results[name] = {
    totalMsP50: percentiles(runs.map((r) => r.totalMs)).p50,
    longestStallMs: Math.max(...runs.map((r) => r.longestStallMs)),
    healthzAnsweredDuringUploadMin: Math.min(...runs.map((r) => r.healthzAnsweredDuringUpload)),
    healthzSlowestMs: Math.max(...runs.map((r) => r.healthzSlowestMs)),
  };
  const r = results[name]!;
  console.log(
    `  ${name.padEnd(24)} upload to verdict p50 ${r.totalMsP50} ms  event loop's longest stall ${r.longestStallMs} ms  ` +
      `/healthz answered ${r.healthzAnsweredDuringUploadMin}+ times during each upload, slowest ${r.healthzSlowestMs} ms`,
  );
}

// The verdicts, with the same code.
const pdf = Buffer.from(issued.pdf);
const changed = Buffer.from(pdf);
changed[Math.floor(changed.length / 3)]! ^= 0x01;
const foreign = Buffer.from(pdf.toString('latin1').replaceAll(issued.documentNumber, 'MA-1999-000001'), 'latin1');
const [authentic, tampered, notOurs] = [(await measure(pdf)).report, (await measure(changed)).report, (await measure(foreign)).report];
const verdictsCorrect =
  authentic.authentic && !authentic.tampered && !tampered.authentic && tampered.tampered && tampered.documentNumber === issued.documentNumber && !notOurs.authentic && !notOurs.tampered;
console.log(`  verdicts: issued PDF ${authentic.authentic ? 'authentic' : 'NOT authentic'}, one byte changed ${tampered.tampered ? 'tampered' : 'NOT tampered'}, foreign ${notOurs.authentic || notOurs.tampered ? 'called OURS' : 'not ours'}`);

await service.stop();
const longestStallMs = Math.max(...Object.values(results).map((r) => r.longestStallMs));
const targets = {
  maxEventLoopStallUnder100ms: longestStallMs < STALL_TARGET_MS,
  healthzAnsweredWithin100ms: Object.values(results).every((r) => r.healthzSlowestMs < STALL_TARGET_MS),
  verdictsCorrect,
};
console.log(`  target: the event loop never stalls ${STALL_TARGET_MS} ms or more: ${targets.maxEventLoopStallUnder100ms ? 'met' : 'NOT met'} (longest ${longestStallMs} ms)`);
console.log(`  load average before the run: ${loadBefore}`);
console.log(JSON.stringify({ benchmark: 'verify-upload', runs: RUNS, loadAverage: loadBefore, idleStallMs, scenarios: results, longestStallMs, targets }));
