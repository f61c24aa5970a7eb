/**
 * The client side of the `drafting` benchmark, in its own process: reads the rooms as JSON
 * on stdin, connects every editor (ours or the reference), lets each insert a few
 * characters at a random place at a steady rate, and reports on stdout: `measuring` when
 * the measured window opens, `measured` when it closes (editing stops), then one JSON line
 * with the propagation latencies and whether every room's replicas converged.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { NOTES_FIELD } from '@mediation/shared';
import { startCpuProfile } from './cpu-profile.js';
import { connectOurEditor, connectReferenceEditor, type Editor } from './drafting-editor.js';
import { PropagationTimer } from './drafting-propagation-timer.js';
import { firstParagraphText } from '../../test/support/first-paragraph-text.js';

export interface DraftingLoad {
  warmupMs: number;
  windowMs: number;
  changesPerSecondPerEditor: number;
  charactersPerChange: number;
  convergeTimeoutMs: number;
}

export type DraftingJobs = { load: DraftingLoad } & (
  // With several nodes, editor i of a room connects through serviceUrls[i % n] (clients spread over the nodes).
  | { side: 'ours'; serviceUrl: string; serviceUrls?: string[]; rooms: { roomId: string; tokens: string[] }[] }
  | { side: 'reference'; serverUrl: string; rooms: { name: string; editors: number }[] }
);

export interface DraftingClientResults {
  latencies: number[];
  changesTimed: number;
  /** Each timed change should arrive at every other editor of its room. */
  expectedArrivals: number;
  converged: boolean;
  divergedRooms: number;
  errors: string[];
  clientCpuPercent: number;
  clientLoopDelayP99Ms: number;
}

/** Origin of the editors' own changes, so their 'update' events are not taken for arrivals. */
const LOCAL = Symbol('local edit');
/** Rooms connected at once: hundreds of simultaneous handshakes only measure the queue. */
const CONNECT_ROOMS_AT_ONCE = 20;
/** A directory for a CPU profile of this process over the measured window (see README). */
const profileDir = process.env.DRAFTING_CLIENTS_PROFILE;

// Every y-websocket provider adds its own process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
const jobs = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as DraftingJobs;
const { load } = jobs;
const timer = new PropagationTimer();

const rooms: Editor[][] = [];
const connectors =
  jobs.side === 'ours'
    ? jobs.rooms.map((room) => () => Promise.all(room.tokens.map((token, i) => connectOurEditor(entryOf(jobs.serviceUrls, i) ?? jobs.serviceUrl, { token, roomId: room.roomId }))))
    : jobs.rooms.map((room) => () => Promise.all(Array.from({ length: room.editors }, () => connectReferenceEditor(jobs.serverUrl, room.name))));
for (let i = 0; i < connectors.length; i += CONNECT_ROOMS_AT_ONCE) {
  rooms.push(...(await Promise.all(connectors.slice(i, i + CONNECT_ROOMS_AT_ONCE).map((connect) => connect()))));
}
const editors = rooms.flat();
for (const { doc } of editors) {
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== LOCAL) timer.arrived(update);
  });
}

let timing = false;
const letters = 'abcdefghijklmnopqrstuvwxyz';
function edit(doc: Y.Doc): void {
  let inserted = '';
  for (let i = 0; i < load.charactersPerChange; i++) inserted += letters[Math.floor(Math.random() * letters.length)];
  timer.change(
    doc,
    () =>
      doc.transact(() => {
        const text = firstParagraphText(doc);
        text.insert(Math.floor(Math.random() * (text.length + 1)), inserted);
      }, LOCAL),
    timing,
  );
}


// Each editor keeps its own steady rhythm, started at a random phase so the load is even.
const intervalMs = 1000 / load.changesPerSecondPerEditor;
const rhythms: ReturnType<typeof setInterval>[] = [];
const phases = editors.map(({ doc }) =>
  setTimeout(() => {
    edit(doc);
    rhythms.push(setInterval(() => edit(doc), intervalMs));
  }, Math.random() * intervalMs),
);
await sleep(load.warmupMs);

const stopProfile = profileDir ? await startCpuProfile(profileDir, `${jobs.side}-clients`) : null;
process.stdout.write('measuring\n');
timing = true;
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const cpuBefore = process.cpuUsage();
const started = performance.now();
await sleep(load.windowMs);
for (const phase of phases) clearTimeout(phase);
for (const rhythm of rhythms) clearInterval(rhythm);
timing = false;
const cpu = process.cpuUsage(cpuBefore);
const elapsedMs = performance.now() - started;
loopDelay.disable();
if (stopProfile) process.stderr.write(`  clients profile: ${await stopProfile()}\n`);
process.stdout.write('measured\n');

const divergedRooms = await waitForConvergence(load.convergeTimeoutMs);
const results: DraftingClientResults = {
  latencies: timer.latencies.map((ms) => Math.round(ms * 1000) / 1000),
  changesTimed: timer.changesTimed,
  expectedArrivals: expectedArrivals(),
  converged: divergedRooms === 0,
  divergedRooms,
  errors: editors.flatMap((editor) => editor.errors),
  clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 10,
  clientLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e4) / 100,
};
process.stdout.write(JSON.stringify(results) + '\n');

// Everyone stays connected until the parent has taken its figures.
process.on('SIGTERM', () => {
  for (const editor of editors) editor.close();
  process.exit(0);
});

function expectedArrivals(): number {
  // Every room has the same number of editors; each timed change reaches all but its author.
  const perRoom = rooms[0]?.length ?? 0;
  return timer.changesTimed * (perRoom - 1);
}

/** Waits until every room's replicas hold the same state; returns how many rooms still differ. */
async function waitForConvergence(timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const diverged = rooms.filter((room) => !sameState(room)).length;
    if (diverged === 0 || performance.now() > deadline) return diverged;
    await sleep(50);
  }
}

function sameState(room: Editor[]): boolean {
  const [first, ...others] = room.map(({ doc }) => ({ text: doc.getXmlFragment(NOTES_FIELD).toString(), clocks: Y.decodeStateVector(Y.encodeStateVector(doc)) }));
  return others.every(
    (other) =>
      other.text === first!.text &&
      other.clocks.size === first!.clocks.size &&
      [...other.clocks].every(([client, clock]) => first!.clocks.get(client) === clock),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function entryOf(serviceUrls: string[] | undefined, index: number): string | undefined {
  return serviceUrls && serviceUrls.length > 0 ? serviceUrls[index % serviceUrls.length] : undefined;
}
