import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { DraftingRegistry } from '../drafting/drafting-registry.js';
import type { NodeHealth } from '../http/routes/health-routes.js';
import type { WorkerPool } from '../media/worker-pool.js';
import type { Participant } from '../rooms/participant.js';
import type { Room } from '../rooms/room.js';
import type { RoomRegistry } from '../rooms/room-registry.js';

/** Prometheus metrics of the rooms, the drafting, the media workers and this node's view of what it shares, read when scraped. */
export function createMetrics(rooms: RoomRegistry, workers: WorkerPool, drafting: DraftingRegistry, health: Pick<NodeHealth, 'redis' | 'store'>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const count = (pick: (room: Room) => number) => rooms.list().reduce((sum, room) => sum + pick(room), 0);
  const perParticipant = (pick: (p: Participant) => number) =>
    count((room) => [...room.participants.values()].reduce((sum, p) => sum + pick(p), 0));

  const gauges: [string, string, () => number][] = [
    ['mediation_rooms', 'Open video rooms', () => rooms.list().length],
    ['mediation_participants', 'Participants in rooms', () => count((room) => room.participants.size)],
    ['mediation_transports', 'WebRTC transports', () =>
      perParticipant((p) => Number(p.sendTransport !== null) + Number(p.recvTransport !== null))],
    ['mediation_producers', 'Producers (tracks sent)', () => perParticipant((p) => p.producers.size)],
    ['mediation_consumers', 'Consumers (tracks received)', () => perParticipant((p) => p.consumers.size)],
    ['mediation_drafting_cases', 'Cases whose documents are in memory', () => drafting.size],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  }

  new Gauge({
    name: 'mediasoup_worker_cpu_seconds',
    help: 'CPU time used by each mediasoup worker (user + system)',
    labelNames: ['worker'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        workers.workers.map(async ({ index, worker }) => {
          const usage = await worker.getResourceUsage();
          this.set({ worker: String(index) }, (usage.ru_utime + usage.ru_stime) / 1000);
        }),
      );
    },
  });
  new Gauge({
    name: 'mediasoup_worker_rooms',
    help: 'Rooms (routers) on each mediasoup worker',
    labelNames: ['worker'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { index, routers } of workers.workers) this.set({ worker: String(index) }, routers);
    },
  });
  new Gauge({
    name: 'mediation_redis_reachable',
    help: 'Whether this node reaches the Redis the nodes share (1), not (0), or runs alone without one (-1)',
    registers: [registry],
    collect() {
      const redis = health.redis();
      this.set(redis === 'ok' ? 1 : redis === 'unreachable' ? 0 : -1);
    },
  });
  new Gauge({
    name: 'mediation_store_reachable',
    help: 'Whether the store (SQLite, or the PostgreSQL the nodes share) answers (1) or not (0)',
    registers: [registry],
    async collect() {
      this.set((await health.store()) === 'ok' ? 1 : 0);
    },
  });
  return registry;
}
