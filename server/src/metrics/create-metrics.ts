import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { DraftingRegistry } from '../drafting/drafting-registry.js';
import type { WorkerPool } from '../media/worker-pool.js';
import type { Participant } from '../rooms/participant.js';
import type { Room } from '../rooms/room.js';
import type { RoomRegistry } from '../rooms/room-registry.js';

/** Prometheus metrics of the rooms, the drafting and the media workers, read when scraped. */
export function createMetrics(rooms: RoomRegistry, workers: WorkerPool, drafting: DraftingRegistry): Registry {
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
  return registry;
}
