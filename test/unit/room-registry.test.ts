import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { ParticipantSink } from '../../server/src/rooms/participant-sink.js';
import { WorkerPool } from '../../server/src/media/worker-pool.js';
import { RoomRegistry } from '../../server/src/rooms/room-registry.js';

const logger = pino({ level: 'silent' });
let pool: WorkerPool;

beforeAll(async () => {
  pool = await WorkerPool.create({ workers: 2, listenIp: '127.0.0.1', announcedAddress: undefined, rtcPort: 0, logLevel: 'warn' }, logger);
});
afterAll(() => pool.close());

function recordingSink(): ParticipantSink & { events: string[]; disconnectedWith: string | null } {
  const sink = {
    events: [] as string[],
    disconnectedWith: null as string | null,
    emit: (event: string) => void sink.events.push(event),
    offerConsumers: async () => [],
    disconnect: (reason: { code: string }) => void (sink.disconnectedWith = reason.code),
  };
  return sink as ParticipantSink & typeof sink;
}

describe('room bookkeeping', () => {
  it('two simultaneous get-or-creates of one room make one router', async () => {
    const registry = new RoomRegistry(pool, logger);
    const [first, second] = await Promise.all([registry.getOrCreate('r1', 'c1'), registry.getOrCreate('r1', 'c1')]);
    expect(first).toBe(second);
    expect(registry.list()).toHaveLength(1);
    first.close();
    expect(registry.list()).toHaveLength(0);
  });

  it('new rooms go to the least-loaded worker', async () => {
    const registry = new RoomRegistry(pool, logger);
    const rooms = await Promise.all(['a', 'b', 'c', 'd'].map((id) => registry.getOrCreate(id, 'c')));
    expect(pool.workers.map((w) => w.routers)).toEqual([2, 2]);
    registry.closeAll();
    expect(pool.workers.map((w) => w.routers)).toEqual([0, 0]);
    expect(rooms.every((room) => room.closed)).toBe(true);
  });

  it('the last participant leaving closes the room, and a later join opens a new one', async () => {
    const registry = new RoomRegistry(pool, logger);
    const room = await registry.getOrCreate('r2', 'c2');
    const sinkA = recordingSink();
    const sinkB = recordingSink();
    const { participant: a } = await room.join({ id: 'a', displayName: 'A', role: 'applicant' }, sinkA);
    const { participant: b, welcome } = await room.join({ id: 'b', displayName: 'B', role: 'observer' }, sinkB);
    expect(welcome.participants.map((p) => p.id)).toEqual(['a']);
    expect(welcome.sendTransport).toBeNull();
    expect(sinkA.events).toContain('participant:joined');

    room.leave(a);
    expect(a.closed).toBe(true);
    expect(sinkB.events).toContain('participant:left');
    expect(room.closed).toBe(false);
    room.leave(b);
    room.leave(b);
    expect(room.closed).toBe(true);
    expect(registry.list()).toHaveLength(0);

    const reopened = await registry.getOrCreate('r2', 'c2');
    expect(reopened).not.toBe(room);
    reopened.close();
  });
});
