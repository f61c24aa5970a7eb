/**
 * Public verification under attack: unauthenticated uploads to POST /api/verify of 2 MB and
 * 19 MB bodies made of nothing but distinct document numbers (the worst case for the search
 * for them), and of random bytes, each three times, sent from another process
 * (verify-upload-client.ts) to the real service in this one. While each upload is verified
 * the client asks /healthz every 5 ms, and this process records its event loop's longest
 * delay: what every room on the server would feel. The same is measured with no upload,
 * for the machine's own noise. An issued PDF, the same with one changed byte and a foreign
 * one are verified alongside, to show the verdicts are still right. Prints figures and ends
 * with one JSON line.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createTestCase } from '../../test/support/create-test-case.js';
import { issueFixtureAgreement } from '../../test/support/issue-fixture-agreement.js';
import { startTestService } from '../../test/support/start-test-service.js';
import { percentiles } from './percentiles.js';
import type { UploadBody, UploadJob, UploadResult } from './verify-upload-client.js';

const RUNS = 3;
const STALL_TARGET_MS = 100;
const MB = 1024 * 1024;
const round = (value: number) => Math.round(value * 100) / 100;
const here = path.dirname(fileURLToPath(import.meta.url));

const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const service = await startTestService();
const created = await createTestCase(service);
const issued = await issueFixtureAgreement(service, created.caseId);
const client = fork(path.join(here, 'verify-upload-client.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

/** One upload from the client process, with this process's event loop watched throughout. */
async function measure(body: UploadBody): Promise<UploadResult & { longestStallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const result = await new Promise<UploadResult>((resolve, reject) => {
    client.once('message', (message) => resolve(message as UploadResult));
    client.once('exit', (code) => reject(new Error(`the upload client exited with ${code}`)));
    client.send({ serviceUrl: service.url, body } satisfies UploadJob);
  });
  client.removeAllListeners('exit');
  delay.disable();
  if (result.status !== 200) throw new Error(`the upload was answered ${result.status}`);
  return { ...result, longestStallMs: round(delay.max / 1e6) };
}

/** The event loop's longest delay over a second with nothing uploaded: the machine's own noise. */
async function idleStall(): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  delay.disable();
  return round(delay.max / 1e6);
}

// Warm-up: the first uploads pay for compiling the code paths on both sides.
await measure({ kind: 'distinct-numbers', bytes: MB / 4 });
await measure({ kind: 'random-bytes', bytes: MB / 4 });
const idleStallMs = Math.max(await idleStall(), await idleStall(), await idleStall());

const scenarios: { name: string; body: UploadBody }[] = [
  { name: 'distinct numbers, 2 MB', body: { kind: 'distinct-numbers', bytes: 2 * MB } },
  { name: 'distinct numbers, 19 MB', body: { kind: 'distinct-numbers', bytes: 19 * MB } },
  { name: 'random bytes, 19 MB', body: { kind: 'random-bytes', bytes: 19 * MB } },
];
const results: Record<string, { uploadToVerdictMsP50: number; longestStallMs: number; healthzAnsweredDuringUploadMin: number; healthzSlowestMs: number }> = {};
console.log(`\nPOST /api/verify from another process, ${RUNS} runs each; /healthz asked every 5 ms meanwhile`);
console.log(`  no upload (the machine's noise)  event loop's longest stall ${idleStallMs} ms over three seconds`);
for (const { name, body } of scenarios) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await measure(body);
    if (run.report.authentic || run.report.tampered) throw new Error(`${name} was called ours`);
    runs.push(run);
  }
  const figures = {
    uploadToVerdictMsP50: percentiles(runs.map((r) => r.totalMs)).p50,
    longestStallMs: Math.max(...runs.map((r) => r.longestStallMs)),
    healthzAnsweredDuringUploadMin: Math.min(...runs.map((r) => r.healthzAnsweredDuringUpload)),
    healthzSlowestMs: Math.max(...runs.map((r) => r.healthzSlowestMs)),
  };
  results[name] = figures;
  console.log(
    `  ${name.padEnd(24)} upload to verdict p50 ${figures.uploadToVerdictMsP50} ms  event loop's longest stall ${figures.longestStallMs} ms  ` +
      `/healthz answered ${figures.healthzAnsweredDuringUploadMin}+ times during each upload, slowest ${figures.healthzSlowestMs} ms`,
  );
}

// The verdicts, through the same path.
const pdf = Buffer.from(issued.pdf);
const changed = Buffer.from(pdf);
changed[Math.floor(changed.length / 3)]! ^= 0x01;
const foreign = Buffer.from(pdf.toString('latin1').replaceAll(issued.documentNumber, 'MA-1999-000001'), 'latin1');
const verdict = async (file: Buffer) => (await measure({ kind: 'file', base64: file.toString('base64') })).report;
const [authentic, tampered, notOurs] = [await verdict(pdf), await verdict(changed), await verdict(foreign)];
const verdictsCorrect =
  authentic.authentic && !authentic.tampered && !tampered.authentic && tampered.tampered && tampered.documentNumber === issued.documentNumber && !notOurs.authentic && !notOurs.tampered;
console.log(`  verdicts: issued PDF ${authentic.authentic ? 'authentic' : 'NOT authentic'}, one byte changed ${tampered.tampered ? 'tampered' : 'NOT tampered'}, foreign ${notOurs.authentic || notOurs.tampered ? 'called OURS' : 'not ours'}`);

client.kill();
await service.stop();
const longestStallMs = Math.max(...Object.values(results).map((r) => r.longestStallMs));
const targets = {
  maxEventLoopStallUnder100ms: longestStallMs < STALL_TARGET_MS,
  healthzAnsweredWithin100ms: Object.values(results).every((r) => r.healthzSlowestMs < STALL_TARGET_MS),
  verdictsCorrect,
};
console.log(`  target: the event loop never stalls ${STALL_TARGET_MS} ms or more: ${targets.maxEventLoopStallUnder100ms ? 'met' : 'NOT met'} (longest ${longestStallMs} ms)`);
console.log(`  target: /healthz always answered within ${STALL_TARGET_MS} ms: ${targets.healthzAnsweredWithin100ms ? 'met' : 'NOT met'}`);
console.log(`  load average before the run: ${loadBefore}`);
console.log(JSON.stringify({ benchmark: 'verify-upload', runs: RUNS, loadAverage: loadBefore, idleStallMs, scenarios: results, longestStallMs, targets }));
