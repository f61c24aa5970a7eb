/**
 * The uploading side of the `verify-upload` benchmark, in its own process as an attacker
 * is: on each job from the parent (IPC), uploads a body to POST /api/verify while asking
 * /healthz every few milliseconds, and answers with the verdict and the figures.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { VerificationReport } from '@mediation/shared';

export type UploadBody = { kind: 'distinct-numbers' | 'random-bytes'; bytes: number } | { kind: 'file'; base64: string };
export interface UploadJob {
  serviceUrl: string;
  body: UploadBody;
}
export interface UploadResult {
  status: number;
  report: VerificationReport;
  totalMs: number;
  healthzAnsweredDuringUpload: number;
  healthzSlowestMs: number;
}

const PROBE_INTERVAL_MS = 5;
const round = (value: number) => Math.round(value * 100) / 100;

/** `bytes` of document numbers, no two alike (MA-<year>-<six digits>, 14 bytes each). */
function distinctNumbers(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 0x20);
  for (let i = 0, at = 0; at + 14 <= bytes; i++, at += 14) {
    body.write(`MA-${String(2000 + Math.floor(i / 1e6))}-${String(i % 1e6).padStart(6, '0')}`, at, 'latin1');
  }
  return body;
}

const bodies = new Map<string, Buffer>();
function bodyOf(body: UploadBody): Buffer {
  if (body.kind === 'file') return Buffer.from(body.base64, 'base64');
  const key = `${body.kind}:${body.bytes}`;
  let made = bodies.get(key);
  if (!made) {
    made = body.kind === 'distinct-numbers' ? distinctNumbers(body.bytes) : randomBytes(body.bytes);
    bodies.set(key, made);
  }
  return made;
}

function upload(url: URL, body: Buffer): Promise<{ status: number; report: VerificationReport }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/pdf', 'content-length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, report: JSON.parse(Buffer.concat(chunks).toString('utf8')) as VerificationReport }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function run(job: UploadJob): Promise<UploadResult> {
  const body = bodyOf(job.body);
  const answered: { sentAt: number; answeredAt: number }[] = [];
  let probing = true;
  const probes = (async () => {
    while (probing) {
      const sentAt = performance.now();
      await (await fetch(`${job.serviceUrl}/healthz`)).arrayBuffer();
      answered.push({ sentAt, answeredAt: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  })();
  const started = performance.now();
  const { status, report } = await upload(new URL(`${job.serviceUrl}/api/verify`), body);
  const ended = performance.now();
  probing = false;
  await probes;
  return {
    status,
    report,
    totalMs: round(ended - started),
    healthzAnsweredDuringUpload: answered.filter((probe) => probe.sentAt > started && probe.answeredAt < ended).length,
    healthzSlowestMs: round(Math.max(0, ...answered.map((probe) => probe.answeredAt - probe.sentAt))),
  };
}

process.on('message', (job: UploadJob) => {
  run(job).then(
    (result) => process.send!(result),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
