/**
 * Several nodes: join latency and drafting propagation with one node on the embedded default
 * (SQLite, no Redis), one node on PostgreSQL and Redis, and two nodes on them with the
 * clients spread over both, in the same run; then the time from a room's home node being
 * killed (SIGKILL) to every page of its room decoding video again, in Chromium, and the media
 * worker's CPU per consumer of that call, for the capacity model in the README.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createClient } from 'redis';
import { Role, type CreatedCase, type CreateCaseInput } from '@mediation/shared';
import { ClusterKeys } from '../../server/src/cluster/cluster-keys.js';
import { tokenOf } from '../../test/support/create-test-case.js';
import { waitUntil } from '../../test/support/headless-participant.js';
import { inboundStatsScript, launchChromium, type InboundStats } from '../../test/support/launch-chromium.js';
import { openRoomPage } from '../../test/support/open-room-page.js';
import { freePort, killHard, startServiceProcess } from '../../test/support/service-process.js';
import { startCluster, type TestCluster } from '../../test/support/start-cluster.js';
import { startPostgres, type TestPostgres } from '../../test/support/start-postgres.js';
import { TEST_MEDIATOR } from '../../test/support/start-test-service.js';
import type { DraftingClientResults, DraftingJobs, DraftingLoad } from './drafting-clients.js';
import { percentiles, type Percentiles } from './percentiles.js';
import { readLines } from './read-lines.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const JOIN_ROOMS = Number(process.env.SCALE_BENCH_JOIN_ROOMS ?? 30);
const JOIN_ROOM_SIZE = 4;
const DRAFTING_ROOMS = Number(process.env.SCALE_BENCH_DRAFTING_ROOMS ?? 100);
const EDITORS_PER_ROOM = 4;
const FAILOVER_TRIALS = Number(process.env.SCALE_BENCH_FAILOVER_TRIALS ?? 3);
const METRICS_TOKEN = 'scale-benchmark-metrics-token';
const LOAD: DraftingLoad = { warmupMs: 3000, windowMs: Number(process.env.SCALE_BENCH_WINDOW_MS ?? 15_000), changesPerSecondPerEditor: 2, charactersPerChange: 4, convergeTimeoutMs: 10_000 };
const NODE_ENV = { METRICS_TOKEN, LOG_LEVEL: 'error' };

interface Setup {
  name: 'embedded' | 'postgres-redis' | 'two-nodes';
  /** Each node's address; clients spread over them in turn. */
  urls: string[];
  /** The node each room's home is, by room id (several nodes only). */
  homeOf?(roomId: string): Promise<string | null>;
  nodeIdOf?(url: string): string;
  stop(): Promise<void>;
}

async function startEmbedded(): Promise<Setup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-embedded-'));
  const port = await freePort();
  const child = await startServiceProcess(dataDir, port, NODE_ENV);
  return {
    name: 'embedded',
    urls: [`http://127.0.0.1:${port}`],
    async stop() {
      await killHard(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startOnPostgres(postgres: TestPostgres, count: 1 | 2): Promise<Setup & { cluster: TestCluster }> {
  const cluster = await startCluster(count, { databaseUrl: await postgres.createDatabase(), env: NODE_ENV });
  const redis = createClient({ url: cluster.redis.url });
  await redis.connect();
  return {
    name: count === 1 ? 'postgres-redis' : 'two-nodes',
    urls: cluster.nodes.map((node) => node.url),
    cluster,
    homeOf: (roomId) => redis.get(ClusterKeys.roomHome(roomId)),
    nodeIdOf: (url) => cluster.nodes.find((node) => node.url === url)!.id,
    async stop() {
      await redis.close();
      await cluster.close();
    },
  };
}

/** Signs the test mediator in once and creates `count` cases of `size` people through the first node. */
async function createCases(baseUrl: string, count: number, size: number, prefix: string): Promise<CreatedCase[]> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEST_MEDIATOR) });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const cases: CreatedCase[] = [];
  for (let n = 0; n < count; n++) {
    const request: CreateCaseInput = {
      caseNumber: `${prefix}-${n}`,
      title: 'scale benchmark',
      category: 'other',
      waitingRoom: false,
      participants: Array.from({ length: size - 1 }, (_, i) => ({ displayName: `Party ${i}`, role: i === 0 ? Role.applicant : Role.respondent })),
    };
    const created = await fetch(`${baseUrl}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(request) });
    if (!created.ok) throw new Error(`creating a case failed: ${created.status} ${await created.text()}`);
    cases.push((await created.json()) as CreatedCase);
  }
  return cases;
}

/** Process CPU seconds of each node, from /metrics (process_cpu_seconds_total, mediasoup_worker_cpu_seconds). */
async function nodeCpu(url: string): Promise<{ process: number; workers: number }> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const sum = (name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
  return { process: sum('process_cpu_seconds_total'), workers: sum('mediasoup_worker_cpu_seconds') };
}

interface JoinRun {
  all: Percentiles;
  /** Several nodes: the joins that entered through the room's home node, and through the other one. */
  atHome?: Percentiles & { joins: number };
  elsewhere?: Percentiles & { joins: number };
  serverCpuMsPerJoin: number;
}

async function measureJoins(setup: Setup): Promise<JoinRun> {
  const cases = await createCases(setup.urls[0]!, JOIN_ROOMS + 2, JOIN_ROOM_SIZE, `J${setup.name}`);
  const jobsOf = (created: CreatedCase) =>
    created.links.map((link, i) => ({ token: tokenOf(link.url), roomId: created.roomId, serviceUrl: setup.urls[i % setup.urls.length]! }));
  const warmup = cases.slice(0, 2).flatMap(jobsOf);
  const joins = cases.slice(2).flatMap(jobsOf);
  const clients = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'join-clients.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  clients.stdin.end(JSON.stringify({ serviceUrl: setup.urls[0], mode: 'sequential', warmup, joins }));
  const lines = readLines(clients.stdout);
  clients.once('exit', (code) => lines.fail(new Error(`join clients exited with ${code}`)));
  await lines.next();
  const before = await Promise.all(setup.urls.map(nodeCpu));
  const { latencies } = JSON.parse(await lines.next()) as { latencies: number[] };
  const after = await Promise.all(setup.urls.map(nodeCpu));
  const cpuMs = after.reduce((sum, figures, i) => sum + (figures.process - before[i]!.process) * 1000, 0);
  const run: JoinRun = { all: percentiles(latencies), serverCpuMsPerJoin: Math.round((cpuMs / latencies.length) * 10) / 10 };
  if (setup.homeOf && setup.nodeIdOf) {
    const atHome: number[] = [];
    const elsewhere: number[] = [];
    for (const [index, job] of joins.entries()) {
      const home = await setup.homeOf(job.roomId);
      (home === setup.nodeIdOf(job.serviceUrl) ? atHome : elsewhere).push(latencies[index]!);
    }
    run.atHome = { ...percentiles(atHome), joins: atHome.length };
    run.elsewhere = { ...percentiles(elsewhere), joins: elsewhere.length };
  }
  clients.kill('SIGTERM');
  await new Promise((resolve) => clients.once('exit', resolve));
  return run;
}

interface DraftingRun {
  latency: Percentiles;
  converged: boolean;
  undelivered: number;
  serverCpuPercent: number;
}

async function measureDrafting(setup: Setup): Promise<DraftingRun> {
  const cases = await createCases(setup.urls[0]!, DRAFTING_ROOMS, EDITORS_PER_ROOM, `D${setup.name}`);
  // Parties may edit: the mediator's switch, through the mediator's own socket.
  const { HeadlessParticipant } = await import('../../test/support/headless-participant.js');
  for (const created of cases) {
    const mediator = await HeadlessParticipant.connect(setup.urls[0]!, { token: tokenOf(created.links[0]!.url), roomId: created.roomId });
    await mediator.request('draft:set-party-editing', { allowed: true });
    mediator.close();
  }
  const jobs: DraftingJobs = {
    side: 'ours',
    serviceUrl: setup.urls[0]!,
    serviceUrls: setup.urls,
    rooms: cases.map((created) => ({ roomId: created.roomId, tokens: created.links.map((link) => tokenOf(link.url)) })),
    load: LOAD,
  };
  const clients = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'drafting-clients.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  clients.stdin.end(JSON.stringify(jobs));
  const lines = readLines(clients.stdout);
  clients.once('exit', (code) => lines.fail(new Error(`drafting clients exited with ${code}`)));
  if ((await lines.next()) !== 'measuring') throw new Error('drafting clients did not start measuring');
  const before = await Promise.all(setup.urls.map(nodeCpu));
  const openedAt = performance.now();
  if ((await lines.next()) !== 'measured') throw new Error('drafting clients did not finish measuring');
  const windowMs = performance.now() - openedAt;
  const after = await Promise.all(setup.urls.map(nodeCpu));
  const results = JSON.parse(await lines.next()) as DraftingClientResults;
  clients.kill('SIGTERM');
  await new Promise((resolve) => clients.once('exit', resolve));
  const cpuMs = after.reduce((sum, figures, i) => sum + (figures.process - before[i]!.process) * 1000, 0);
  return {
    latency: percentiles(results.latencies),
    converged: results.converged,
    undelivered: results.expectedArrivals - results.latencies.length,
    serverCpuPercent: Math.round((cpuMs / windowMs) * 1000) / 10,
  };
}

const decodingTracks = async (page: Page) =>
  ((await page.evaluate(inboundStatsScript)) as InboundStats).video.filter((v) => v.framesDecoded > 0).map((v) => v.trackIdentifier);

/**
 * Three pages through the load balancer in one room on three nodes; the room's home is
 * killed, and each page's time until it decodes both others' video again is one sample.
 * Before the kill, the home's media worker CPU over a few seconds of the call gives the
 * CPU per consumer (each page receives two cameras and two microphones).
 */
async function measureFailover(postgres: TestPostgres): Promise<{ samples: number[]; workerCpuMsPerConsumerSecond: number[] }> {
  const cluster = await startCluster(3, { databaseUrl: await postgres.createDatabase(), env: NODE_ENV });
  const browser = await launchChromium();
  const samples: number[] = [];
  const perConsumer: number[] = [];
  try {
    for (let trial = 0; trial < FAILOVER_TRIALS; trial++) {
      const alive = cluster.nodes.filter((node) => node.process.exitCode === null && node.process.signalCode === null);
      const [created] = await createCases(alive[0]!.url, 1, 3, `F${trial}`);
      const pages: Page[] = [];
      for (const link of created!.links) {
        const url = new URL(link.url);
        pages.push(await openRoomPage(browser, `${cluster.balancer.url}${url.pathname}${url.hash}`, 'en-US'));
      }
      for (const page of pages) await waitUntil(async () => (await decodingTracks(page)).length === 2, 60_000);
      const before = await Promise.all(pages.map(decodingTracks));
      const home = await cluster.homeOf(created!.roomId);
      if (!home) throw new Error('no node hosts the room');
      const cpuBefore = await nodeCpu(home.url);
      const measuredFrom = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const cpuAfter = await nodeCpu(home.url);
      const seconds = (performance.now() - measuredFrom) / 1000;
      perConsumer.push(Math.round((((cpuAfter.workers - cpuBefore.workers) * 1000) / seconds / 12) * 100) / 100);

      const killedAt = performance.now();
      await cluster.kill(home.id);
      const back = await Promise.all(
        pages.map(async (page, index) => {
          await waitUntil(async () => (await decodingTracks(page).catch(() => [])).filter((track) => !before[index]!.includes(track)).length === 2, 60_000);
          return Math.round(performance.now() - killedAt);
        }),
      );
      samples.push(...back);
      console.log(`  failover ${trial + 1}: video back on every page after ${back.join(', ')} ms; media worker ${perConsumer.at(-1)} ms CPU per consumer-second`);
      for (const page of pages) await page.context().close();
      await cluster.restart(home.id);
    }
  } finally {
    await browser.close();
    await cluster.close();
  }
  return { samples, workerCpuMsPerConsumerSecond: perConsumer };
}

const loadAverage = () => os.loadavg().map((value) => Math.round(value * 100) / 100);
console.log(`scale benchmark: ${JOIN_ROOMS} rooms of ${JOIN_ROOM_SIZE} joined one after another; ${DRAFTING_ROOMS} rooms of ${EDITORS_PER_ROOM} editors drafting; ${FAILOVER_TRIALS} home-node kills (load ${loadAverage().join(' ')})`);
const postgres = await startPostgres();
const joins: Record<string, JoinRun> = {};
const drafting: Record<string, DraftingRun> = {};
try {
  for (const start of [startEmbedded, () => startOnPostgres(postgres, 1), () => startOnPostgres(postgres, 2)]) {
    const setup = await start();
    try {
      joins[setup.name] = await measureJoins(setup);
      const j = joins[setup.name]!;
      console.log(`  ${setup.name.padEnd(15)} join p50 ${j.all.p50} p95 ${j.all.p95} p99 ${j.all.p99} ms, ${j.serverCpuMsPerJoin} ms server CPU per join` +
        (j.atHome ? ` | entering at the home p99 ${j.atHome.p99} ms (${j.atHome.joins} joins), elsewhere p99 ${j.elsewhere!.p99} ms (${j.elsewhere!.joins} joins)` : ''));
      drafting[setup.name] = await measureDrafting(setup);
      const d = drafting[setup.name]!;
      console.log(`  ${setup.name.padEnd(15)} drafting p50 ${d.latency.p50} p95 ${d.latency.p95} p99 ${d.latency.p99} ms, server CPU ${d.serverCpuPercent}%, converged ${d.converged}, ${d.undelivered} undelivered (load ${loadAverage().join(' ')})`);
    } finally {
      await setup.stop();
    }
  }
  const failover = await measureFailover(postgres);
  const failoverPercentiles = percentiles(failover.samples);
  console.log(`  failover: p50 ${failoverPercentiles.p50} p95 ${failoverPercentiles.p95} max ${failoverPercentiles.max} ms (load ${loadAverage().join(' ')})`);
  const embedded = drafting.embedded!;
  const onPostgres = drafting['postgres-redis']!;
  const twoNodes = joins['two-nodes']!;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const results = {
    joins,
    drafting,
    draftingP99RatioPostgresToEmbedded: round2(onPostgres.latency.p99 / embedded.latency.p99),
    nonHomeEntryAddsP99Ms: round2(twoNodes.elsewhere!.p99 - twoNodes.atHome!.p99),
    failoverMs: failoverPercentiles,
    workerCpuMsPerConsumerSecond: failover.workerCpuMsPerConsumerSecond,
    loadAverage: loadAverage(),
  };
  const targets = {
    draftingP99OnPostgresAtMost1_5xEmbedded: results.draftingP99RatioPostgresToEmbedded <= 1.5,
    nonHomeEntryAddsAtMost5msToJoinP99: results.nonHomeEntryAddsP99Ms <= 5,
    homeKillToDecodingP95AtMost10s: failoverPercentiles.p95 <= 10_000,
    everyRoomConverged: Object.values(drafting).every((run) => run.converged),
  };
  console.log(JSON.stringify({ benchmark: 'scale', ...results, targets }));
} finally {
  await postgres.stop();
}
