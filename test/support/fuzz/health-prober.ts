import { Worker } from 'node:worker_threads';
import { FUZZ_METRICS_TOKEN } from './service-child.js';

export interface ProbeFailure {
  /** Milliseconds since the prober started. */
  at: number;
  latencyMs: number;
  reason: string;
}

export interface HealthReport {
  /** Latency of every probe that was answered, in milliseconds. */
  latenciesMs: number[];
  /** Probes answered later than the bound, not 200, or not at all. */
  failures: ProbeFailure[];
  /** The longest event-loop delay the service's own metrics saw (prom-client's monitorEventLoopDelay), in ms. */
  eventLoopLagMaxMs: number | null;
  /** The service's resident memory at each sample, in bytes. */
  rssSamples: number[];
}

/*
 * Runs in a worker thread, so that the fuzzing on the main thread cannot delay a probe or
 * its timing. One keep-alive connection for /healthz, one for /metrics; /proc for memory.
 */
const PROBER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const fs = require('node:fs');
const { url, intervalMs, boundMs, pid, metricsToken } = workerData;
const started = performance.now();
const latenciesMs = [];
const failures = [];
const rssSamples = [];
let eventLoopLagMaxMs = null;
let stopping = false;
let healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const metricsAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path, agent, timeoutMs, headers = {}) {
  return new Promise((resolve) => {
    const sent = performance.now();
    const req = http.get(url + path, { agent, timeout: timeoutMs, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body, ms: performance.now() - sent }));
      res.on('error', (error) => resolve({ error: String(error), ms: performance.now() - sent }));
    });
    req.on('timeout', () => { req.destroy(); resolve({ error: 'no answer within ' + timeoutMs + ' ms', ms: performance.now() - sent }); });
    req.on('error', (error) => resolve({ error: String(error), ms: performance.now() - sent }));
  });
}

async function probeHealth() {
  while (!stopping) {
    const began = performance.now();
    // Waits long past the bound: a stall is measured to its end, not cut at the bound.
    const answer = await get('/healthz', healthAgent, 60000);
    const at = began - started;
    if (answer.error) {
      failures.push({ at, latencyMs: answer.ms, reason: answer.error });
      healthAgent.destroy();
      healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    } else {
      latenciesMs.push(answer.ms);
      if (answer.status !== 200) failures.push({ at, latencyMs: answer.ms, reason: 'status ' + answer.status + ' ' + answer.body.slice(0, 200) });
      else if (answer.ms > boundMs) failures.push({ at, latencyMs: answer.ms, reason: 'answered after ' + Math.round(answer.ms) + ' ms' });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - began))));
  }
}

async function scrapeMetrics() {
  while (!stopping) {
    const answer = await get('/metrics', metricsAgent, 30000, { authorization: 'Bearer ' + metricsToken });
    const match = answer.body && /^nodejs_eventloop_lag_max_seconds\\s+([0-9.eE+-]+)/m.exec(answer.body);
    if (match) eventLoopLagMaxMs = Math.max(eventLoopLagMaxMs ?? 0, Number(match[1]) * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function sampleMemory() {
  while (!stopping) {
    try {
      const match = /^VmRSS:\\s+(\\d+) kB/m.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'));
      if (match) rssSamples.push(Number(match[1]) * 1024);
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const loops = [probeHealth(), scrapeMetrics(), sampleMemory()];
parentPort.on('message', async () => {
  stopping = true;
  await Promise.all(loops);
  healthAgent.destroy();
  metricsAgent.destroy();
  parentPort.postMessage({ latenciesMs, failures, eventLoopLagMaxMs, rssSamples });
});
`;

/** Probes /healthz every `intervalMs` from a thread of its own until stopped. */
export class HealthProber {
  private readonly worker: Worker;

  constructor(url: string, pid: number, { intervalMs = 50, boundMs = 2000 } = {}) {
    this.worker = new Worker(PROBER_SOURCE, { eval: true, workerData: { url, intervalMs, boundMs, pid, metricsToken: FUZZ_METRICS_TOKEN } });
  }

  async stop(): Promise<HealthReport> {
    const report = new Promise<HealthReport>((resolve) => this.worker.once('message', resolve));
    this.worker.postMessage('stop');
    const result = await report;
    await this.worker.terminate();
    return result;
  }
}
