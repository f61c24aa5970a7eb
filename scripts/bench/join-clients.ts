/**
 * The client side of the `join` benchmark, in its own process: reads join jobs as JSON
 * on stdin, joins them (in sequence or all at once) with the whole signalling, and
 * prints each join's latency in ms as JSON on stdout.
 */
import { HeadlessParticipant } from '../../test/support/headless-participant.js';

interface Jobs {
  serviceUrl: string;
  mode: 'sequential' | 'concurrent';
  /** Joined and left before measuring, so both sides run warmed-up code. */
  warmup: Job[];
  joins: Job[];
}

/** One join; through `serviceUrl` when it names a node of its own (several nodes), else through the jobs' one. */
interface Job {
  token: string;
  roomId: string;
  serviceUrl?: string;
}

const input = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as Jobs;
const joined: HeadlessParticipant[] = [];

async function timedJoin(job: Jobs['joins'][number]): Promise<number> {
  const started = performance.now();
  const participant = await HeadlessParticipant.connect(job.serviceUrl ?? input.serviceUrl, { token: job.token, roomId: job.roomId });
  await participant.joinWithMedia();
  const elapsed = performance.now() - started;
  joined.push(participant);
  return elapsed;
}

const warm = await Promise.all(
  input.warmup.map(async (job) => {
    const participant = await HeadlessParticipant.connect(job.serviceUrl ?? input.serviceUrl, { token: job.token, roomId: job.roomId });
    await participant.joinWithMedia();
    return participant;
  }),
);
for (const participant of warm) participant.close();
await new Promise((resolve) => setTimeout(resolve, 200));

// Tells the parent the measured part starts now, so both sides count CPU over the same span.
process.stdout.write('measuring\n');
const cpuBefore = process.cpuUsage();
const started = performance.now();
let latencies: number[];
if (input.mode === 'sequential') {
  latencies = [];
  for (const job of input.joins) latencies.push(await timedJoin(job));
} else {
  latencies = await Promise.all(input.joins.map(timedJoin));
}
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(JSON.stringify({ latencies, wallMs, clientCpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
// Everyone stays connected until the parent has measured the server with them in.
process.on('SIGTERM', () => {
  for (const participant of joined) participant.close();
  process.exit(0);
});
