import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WelcomePayload } from '@mediation/shared';
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

function recordingSink(): ParticipantSink & { events: string[]; payloads: unknown[]; disconnectedWith: string | null } {
  const sink = {
    events: [] as string[],
    payloads: [] as unknown[],
    disconnectedWith: null as string | null,
    emit: (event: string, payload: unknown) => {
      sink.events.push(event);
      sink.payloads.push(payload);
    },
    offerConsumers: async () => ({ consumerIds: [] }),
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

  it('people joining at once are each announced once, and never before their own welcome', async () => {
    const registry = new RoomRegistry(pool, logger);
    const room = await registry.getOrCreate('r3', 'c3');
    const sinks = ['a', 'b', 'c', 'd'].map(() => recordingSink());
    const joined = await Promise.all(
      sinks.map((sink, i) => room.join({ id: `p${i}`, displayName: `P${i}`, role: 'applicant' }, sink)),
    );
    const announcements = sinks.flatMap((sink) => sink.events.filter((event) => event === 'participant:joined'));
    expect(announcements).toHaveLength(6); // 0 + 1 + 2 + 3: each to those welcomed before
    for (const sink of sinks) expect(sink.events[0]).toBe('room:welcome');
    // Everyone ends up knowing everyone: listed in the welcome or announced afterwards.
    for (const [i, sink] of sinks.entries()) {
      const known = new Set([
        ...(sink.payloads[0] as WelcomePayload).participants.map((p) => p.id),
        ...sink.payloads.slice(1).map((p) => (p as { id: string }).id),
      ]);
      expect(known).toEqual(new Set(joined.filter((_, j) => j !== i).map((p) => p.id)));
    }
    room.close();
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
    const a = await room.join({ id: 'a', displayName: 'A', role: 'applicant' }, sinkA);
    const b = await room.join({ id: 'b', displayName: 'B', role: 'observer' }, sinkB);
    expect(sinkB.events[0]).toBe('room:welcome');
    const welcome = sinkB.payloads[0] as WelcomePayload;
    expect(welcome.participants.map((p) => p.id)).toEqual(['a']);
    expect(welcome.sendTransport).toBeNull();
    expect(sinkA.events).toEqual(['room:welcome', 'participant:joined']);

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
