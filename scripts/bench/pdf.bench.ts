/**
 * Issuing one agreement PDF: two pages of agreement, four drawn signatures, an audit trail
 * of 20 entries, the QR code and the digital signature. Median and p95 over 30 issues
 * after warm-up, the CPU each takes, the file's size; and reading the committee's kept
 * credentials, which every issue does first. Then the same issues as the service makes them,
 * in its issuing thread, with the main thread's longest pause either way: what every room
 * on the server would feel while an agreement is issued.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { IssuingThread } from '../../server/src/signing/issuing-thread/issuing-thread.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { issueAgreementPdf } from '../../server/src/signing/pdf/issue-agreement-pdf.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { FIXTURE_COMMITTEE, fixtureAgreementPdfInput } from '../../test/support/agreement-pdf-fixture.js';
import { percentiles } from './percentiles.js';

const WARMUP = 5;
const RUNS = 30;
const round = (value: number) => Math.round(value * 100) / 100;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pdf-bench-'));
const committee = { id: 'bench-committee', name: FIXTURE_COMMITTEE };
const secrets = new FileKeptSecrets(dataDir);
let started = performance.now();
const credentials = await loadOrCreateCommitteeCredentials(secrets, committee);
const firstUseMs = round(performance.now() - started);

const loadSamples: number[] = [];
for (let i = 0; i < RUNS; i++) {
  started = performance.now();
  await loadOrCreateCommitteeCredentials(secrets, committee);
  loadSamples.push(performance.now() - started);
}

const input = fixtureAgreementPdfInput();
let pdf: Buffer = Buffer.alloc(0);
for (let i = 0; i < WARMUP; i++) pdf = await issueAgreementPdf(input, credentials);

/** Lets the event loop run its timers, so that a pause just ended is recorded. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The longest the main thread's event loop was held up while `work` ran, in ms. */
async function mainThreadStall(work: () => Promise<void>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await work();
  await breathe();
  delay.disable();
  return round(delay.max / 1e6);
}

const samples: number[] = [];
const cpuBefore = process.cpuUsage();
const inProcessStallMs = await mainThreadStall(async () => {
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    pdf = await issueAgreementPdf(input, credentials);
    samples.push(performance.now() - started);
    await breathe();
  }
});
const cpu = process.cpuUsage(cpuBefore);

// As the service issues: in its issuing thread, the credentials already made there.
const thread = new IssuingThread({ dataDir });
await thread.prepareCommittee(committee);
for (let i = 0; i < WARMUP; i++) await thread.renderAgreementPdf(input, committee);
const threadSamples: number[] = [];
const threadStallMs = await mainThreadStall(async () => {
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    await thread.renderAgreementPdf(input, committee);
    threadSamples.push(performance.now() - started);
    await breathe();
  }
});
await thread.close();
await fs.rm(dataDir, { recursive: true, force: true });
const inThread = percentiles(threadSamples);

const issue = percentiles(samples);
const load = percentiles(loadSamples);
const sizeKB = round(pdf.length / 1024);
const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
const cpuMsPerIssue = round((cpu.user + cpu.system) / 1000 / RUNS);
const targets = { medianAtMost100ms: issue.p50 <= 100, sizeAtMost250KB: sizeKB <= 250 };

console.log(`\nissuing one agreement (${pages} pages, ${input.signatures.length} signatures, ${input.audit.length} audit entries), ${RUNS} runs after ${WARMUP} warm-up`);
console.log(`  issue      p50 ${issue.p50} ms  p95 ${issue.p95} ms  max ${issue.max} ms  CPU ${cpuMsPerIssue} ms per issue`);
console.log(`  size       ${sizeKB} KB`);
console.log(`  main thread's longest pause while issuing: ${inProcessStallMs} ms in-process`);
console.log(`  in the issuing thread, as the service does: p50 ${inThread.p50} ms  p95 ${inThread.p95} ms; main thread's longest pause ${threadStallMs} ms`);
console.log(`  credentials: first use (root CA and committee key made) ${firstUseMs} ms; kept ones read p50 ${load.p50} ms  p95 ${load.p95} ms`);
console.log(`  target: median at most 100 ms: ${targets.medianAtMost100ms ? 'met' : 'NOT met'}`);
console.log(`  target: size at most 250 KB: ${targets.sizeAtMost250KB ? 'met' : 'NOT met'}`);
console.log(
  JSON.stringify({
    benchmark: 'pdf',
    runs: RUNS,
    pages,
    medianMs: issue.p50,
    p95Ms: issue.p95,
    maxMs: issue.max,
    cpuMsPerIssue,
    sizeKB,
    credentials: { firstUseMs, keptP50Ms: load.p50, keptP95Ms: load.p95 },
    issuingThread: { medianMs: inThread.p50, p95Ms: inThread.p95, mainThreadLongestPauseMs: threadStallMs },
    inProcessMainThreadLongestPauseMs: inProcessStallMs,
    targets,
  }),
);
