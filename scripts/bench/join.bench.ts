/**
 * Control-plane join latency: rooms of participants join through Socket.IO with the whole
 * signalling (token, router capabilities, two transports, connect, produce audio and video,
 * consume everyone else and resume), clients in a separate process; and, in the same run,
 * the same mediasoup calls in-process with no signalling (the floor), and the same clients
 * against a Socket.IO server that sends the same frames and does nothing else (what
 * Socket.IO alone costs).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Role } from '@mediation/shared';
import { caseMediatorOf, createCase } from '../../server/src/cases/create-case.js';
import { loadConfig } from '../../server/src/config/config.js';
import { WorkerPool } from '../../server/src/media/worker-pool.js';
import { createTestCase, tokenOf } from '../../test/support/create-test-case.js';
import { startTestService, TEST_MEDIATOR } from '../../test/support/start-test-service.js';
import { startCpuProfile } from './cpu-profile.js';
import { startBareSocketServer } from './bare-socket-server.js';
import { createFloorRoom, floorJoin } from './join-floor.js';
import { recordJoinFrames, type JoinFrames } from './join-frames.js';
import { percentiles, type Percentiles } from './percentiles.js';
import { readLines } from './read-lines.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const logger = pino({ level: 'silent' });
const WARMUP_ROOMS = 2;
/** Media workers for both the floor and the service; 0 is the service's default, one per core. */
const WORKERS = process.env.MEDIASOUP_WORKERS ?? '0';

interface Scenario {
  name: string;
  rooms: number;
  size: number;
  mode: 'sequential' | 'concurrent';
}

const SCENARIOS: Scenario[] = [
  // Rooms in turn, each filled one participant after another. Over 200 samples, so that the
  // p99 is a percentile and not simply the slowest join (which it is below 101 samples).
  { name: '1 room of 6, one after another (34 rooms in turn)', rooms: 34, size: 6, mode: 'sequential' },
  { name: '50 rooms of 6, all at once', rooms: 50, size: 6, mode: 'concurrent' },
];
// `npm run bench -- join concurrent` runs one scenario (e.g. to profile it).
const only = process.argv[3] as Scenario['mode'] | undefined;

function heapUsed(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

async function measureFloor(scenario: Scenario) {
  const pool = await WorkerPool.create(
    loadConfig({ RTC_PORT: '0', MEDIASOUP_LISTEN_IP: '127.0.0.1', MEDIASOUP_WORKERS: WORKERS }).media,
    logger,
  );
  const warmup = await Promise.all(Array.from({ length: WARMUP_ROOMS }, () => createFloorRoom(pool)));
  await Promise.all(warmup.flatMap((room) => Array.from({ length: scenario.size }, () => floorJoin(room))));
  await Promise.all(warmup.flatMap((room) => room.pending));
  for (const room of warmup) room.router.close();
  const rooms = await Promise.all(Array.from({ length: scenario.rooms }, () => createFloorRoom(pool)));
  const heapBefore = heapUsed();
  const before = await cpuFigures({ workers: pool });
  const started = performance.now();
  let latencies: number[];
  if (scenario.mode === 'sequential') {
    latencies = [];
    for (const room of rooms) for (let i = 0; i < scenario.size; i++) latencies.push(await floorJoin(room));
  } else {
    latencies = await Promise.all(rooms.flatMap((room) => Array.from({ length: scenario.size }, () => floorJoin(room))));
  }
  const wallMs = performance.now() - started;
  await Promise.all(rooms.flatMap((room) => room.pending));
  const after = await cpuFigures({ workers: pool });
  const cpu = {
    serverMainThreadMs: Math.round(after.mainThreadMs - before.mainThreadMs),
    mediaWorkersMs: Math.round(after.workersMs - before.workersMs),
  };
  const heapPerParticipant = (heapUsed() - heapBefore) / latencies.length;
  const consumers = rooms.reduce((sum, room) => sum + room.members.reduce((n, m) => n + m.consumed.size, 0), 0);
  if (consumers !== scenario.rooms * scenario.size * (scenario.size - 1) * 2) throw new Error(`floor made ${consumers} consumers`);
  for (const room of rooms) room.router.close();
  await pool.close();
  return { latencies, wallMs, heapPerParticipant, cpu };
}

async function measureSignalling(scenario: Scenario) {
  const service = await startTestService({
    MEDIASOUP_WORKERS: WORKERS,
    // The benchmark's clients are well-behaved; the limit is not what is measured.
    SOCKET_EVENTS_PER_SECOND: '10000',
    SOCKET_EVENT_BURST: '10000',
  });
  // The demo committee's credentials are made in the background at start: not what is measured.
  await service.settled;
  const mediator = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
  const joins: { token: string; roomId: string }[][] = [];
  for (let r = 0; r < scenario.rooms + WARMUP_ROOMS; r++) {
    const created = await createCase(
      { store: service.store, secret: service.secret, joinLinkTtlSeconds: 3600 },
      caseMediatorOf(mediator),
      {
        caseNumber: `B-${r}`,
        title: 'bench',
        category: 'other',
        waitingRoom: false,
        participants: Array.from({ length: scenario.size - 1 }, (_, i) => ({ displayName: `P${i}`, role: Role.applicant })),
      },
      service.url,
    );
    joins.push(created.links.map((link) => ({ token: new URL(link.url).hash.slice('#token='.length), roomId: created.roomId })));
  }

  const warmup = joins.splice(0, WARMUP_ROOMS).flat();
  const heapBefore = heapUsed();
  const clients = await startJoinClients(service.url, scenario.mode, warmup, joins.flat(), process.env.JOIN_CLIENTS_PROFILE);
  const stopProfile = process.env.JOIN_SERVER_PROFILE ? await startCpuProfile(process.env.JOIN_SERVER_PROFILE, 'service') : null;
  const before = await cpuFigures(service);
  const { latencies, wallMs, clientCpuMs } = await clients.result;
  const after = await cpuFigures(service);
  if (stopProfile) console.log(`  service profile: ${await stopProfile()}`);
  const cpu = {
    serverMainThreadMs: Math.round(after.mainThreadMs - before.mainThreadMs),
    mediaWorkersMs: Math.round(after.workersMs - before.workersMs),
    clientProcessMs: Math.round(clientCpuMs),
  };
  const inRooms = service.rooms.list().flatMap((room) => [...room.participants.values()]);
  const participants = inRooms.length;
  const consumers = inRooms.reduce((sum, participant) => sum + participant.consumers.size, 0);
  const expectedConsumers = scenario.rooms * scenario.size * (scenario.size - 1) * 2;
  if (consumers !== expectedConsumers) throw new Error(`${consumers} consumers, expected ${expectedConsumers}`);
  const heapPerParticipant = (heapUsed() - heapBefore) / latencies.length;
  await clients.stop();
  await service.stop();
  if (participants !== latencies.length) throw new Error(`${participants} of ${latencies.length} participants were in rooms`);
  return { latencies, wallMs, heapPerParticipant, cpu };
}

type Job = { token: string; roomId: string };

/**
 * The benchmark's clients in their own process: they join `warmup` and leave, then resolve
 * `measuring` and join `joins`; they stay connected until stopped.
 */
async function startJoinClients(serviceUrl: string, mode: Scenario['mode'], warmup: Job[], joins: Job[], profileDir?: string) {
  const clients = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir=' + profileDir] : []), '--import', 'tsx', path.join(here, 'join-clients.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  clients.stdin.end(JSON.stringify({ serviceUrl, mode, warmup, joins }));
  const lines = readLines(clients.stdout);
  clients.once('exit', (code) => lines.fail(new Error(`join clients exited with ${code}`)));
  await lines.next(); // "measuring"
  return {
    result: lines.next().then((line) => JSON.parse(line) as { latencies: number[]; wallMs: number; clientCpuMs: number }),
    async stop() {
      clients.kill('SIGTERM');
      await new Promise((resolve) => clients.once('exit', resolve));
    },
  };
}

/** The same clients and frames against a Socket.IO server that does nothing else (see bare-socket-server.ts). */
async function measureBareSocket(scenario: Scenario, frames: JoinFrames) {
  const server = await startBareSocketServer(frames);
  const token = 'x'.repeat(frames.tokenLength);
  const jobsOf = (prefix: string, rooms: number) =>
    Array.from({ length: rooms }, (_, r) => Array.from({ length: scenario.size }, () => ({ token, roomId: `${prefix}${r}` }))).flat();
  const clients = await startJoinClients(server.url, scenario.mode, jobsOf('warmup-', WARMUP_ROOMS), jobsOf('room-', scenario.rooms));
  const before = performance.eventLoopUtilization();
  const { latencies, clientCpuMs } = await clients.result;
  const mainThreadMs = Math.round(performance.eventLoopUtilization(before).active);
  await clients.stop();
  await server.close();
  return { latencies, cpu: { serverMainThreadMs: mainThreadMs, clientProcessMs: Math.round(clientCpuMs) } };
}

/** The frames of a real join in the service, for the bare Socket.IO baseline. */
async function recordFrames(): Promise<JoinFrames> {
  const service = await startTestService({ MEDIASOUP_WORKERS: WORKERS });
  await service.settled;
  const created = await createTestCase(service, [{ displayName: 'P0', role: Role.applicant }]);
  const [first, second] = created.links.map((link) => ({ token: tokenOf(link.url), roomId: created.roomId }));
  const frames = await recordJoinFrames(service.url, [first!, second!]);
  await service.stop();
  return frames;
}

/** Busy time of this process's event loop (the server's main thread) and CPU time of the media workers. */
async function cpuFigures(service: { workers: WorkerPool }) {
  const usages = await Promise.all(service.workers.workers.map(({ worker }) => worker.getResourceUsage()));
  return {
    mainThreadMs: performance.eventLoopUtilization().active,
    workersMs: usages.reduce((sum, usage) => sum + usage.ru_utime + usage.ru_stime, 0),
  };
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
/** The median of three runs: single runs on this shared machine differ by half and more. */
const ROUNDS = Number(process.env.JOIN_BENCH_ROUNDS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianOf = (runs: Percentiles[]): Percentiles => ({
  p50: median(runs.map((r) => r.p50)),
  p95: median(runs.map((r) => r.p95)),
  p99: median(runs.map((r) => r.p99)),
  max: median(runs.map((r) => r.max)),
});

const results: Record<string, unknown>[] = [];
if (!globalThis.gc) console.log('(run with --expose-gc for exact heap figures)');
const frames = await recordFrames();
for (const scenario of SCENARIOS.filter((s) => !only || s.mode === only)) {
  console.log(`\n${scenario.name}: ${scenario.rooms * scenario.size} joins, ${ROUNDS} runs`);
  const floors: Awaited<ReturnType<typeof measureFloor>>[] = [];
  const bares: Awaited<ReturnType<typeof measureBareSocket>>[] = [];
  const signallings: Awaited<ReturnType<typeof measureSignalling>>[] = [];
  for (let run = 1; run <= ROUNDS; run++) {
    const floor = await measureFloor(scenario);
    const bare = await measureBareSocket(scenario, frames);
    const signalling = await measureSignalling(scenario);
    floors.push(floor);
    bares.push(bare);
    signallings.push(signalling);
    const f = percentiles(floor.latencies);
    const b = percentiles(bare.latencies);
    const s = percentiles(signalling.latencies);
    console.log(`  run ${run}: signalling p50 ${s.p50} p95 ${s.p95} p99 ${s.p99} ms | floor p50 ${f.p50} p95 ${f.p95} p99 ${f.p99} ms | ratio ${round2(s.p99 / f.p99)}`);
    console.log(`         bare Socket.IO p50 ${b.p50} p95 ${b.p95} p99 ${b.p99} ms`);
    console.log(`         CPU: service main thread ${signalling.cpu.serverMainThreadMs} ms (floor ${floor.cpu.serverMainThreadMs} ms, bare Socket.IO ${bare.cpu.serverMainThreadMs} ms), media workers ${signalling.cpu.mediaWorkersMs} ms (floor ${floor.cpu.mediaWorkersMs} ms), clients ${signalling.cpu.clientProcessMs} ms (bare Socket.IO ${bare.cpu.clientProcessMs} ms)`);
  }
  const s = medianOf(signallings.map((r) => percentiles(r.latencies)));
  const f = medianOf(floors.map((r) => percentiles(r.latencies)));
  const b = medianOf(bares.map((r) => percentiles(r.latencies)));
  const joins = scenario.rooms * scenario.size;
  const result = {
    scenario: scenario.name,
    participants: joins,
    runs: ROUNDS,
    signallingMs: s,
    floorMs: f,
    p99Ratio: round2(s.p99 / f.p99),
    bareSocketMs: b,
    bareSocketMainThreadMs: median(bares.map((r) => r.cpu.serverMainThreadMs)),
    // Media calls and Socket.IO share the server's main thread: their costs add up.
    floorPlusBareSocketP99Ratio: round2((f.p99 + b.p99) / f.p99),
    joinsPerSecond: Math.round((joins / median(signallings.map((r) => r.wallMs))) * 1000 * 10) / 10,
    floorJoinsPerSecond: Math.round((joins / median(floors.map((r) => r.wallMs))) * 1000 * 10) / 10,
    serverHeapKbPerParticipant: kb(median(signallings.map((r) => r.heapPerParticipant))),
    floorHeapKbPerParticipant: kb(median(floors.map((r) => r.heapPerParticipant))),
  };
  results.push(result);
  console.log(`  median of ${ROUNDS}:`);
  console.log(`  signalling  p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms  ${result.joinsPerSecond} joins/s`);
  console.log(`  floor       p50 ${f.p50} ms  p95 ${f.p95} ms  p99 ${f.p99} ms  ${result.floorJoinsPerSecond} joins/s`);
  console.log(`  bare S.IO   p50 ${b.p50} ms  p95 ${b.p95} ms  p99 ${b.p99} ms  (main thread ${result.bareSocketMainThreadMs} ms)`);
  console.log(`  p99 ratio   ${result.p99Ratio}  (floor + bare Socket.IO: ${result.floorPlusBareSocketP99Ratio})`);
  console.log(`  heap        ${result.serverHeapKbPerParticipant} KB per participant (floor ${result.floorHeapKbPerParticipant} KB)`);
}
type Result = { scenario: string; signallingMs: { p99: number }; p99Ratio: number; serverHeapKbPerParticipant: number };
const sequential = (results as Result[]).find((r) => r.scenario === SCENARIOS[0]!.name);
const concurrent = (results as Result[]).find((r) => r.scenario === SCENARIOS[1]!.name);
const targets = {
  sequentialP99AtMost15ms: sequential ? sequential.signallingMs.p99 <= 15 : null,
  concurrentRatioAtMost1_3: concurrent ? concurrent.p99Ratio <= 1.3 : null,
  heapAtMost150KbPerParticipant: (results as Result[]).every((r) => r.serverHeapKbPerParticipant <= 150),
};
console.log(JSON.stringify({ benchmark: 'join', results, targets }));
