import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterKeys } from '../../server/src/cluster/cluster-keys.js';
import { leastLoaded, type NodeStatus } from '../../server/src/cluster/node-status.js';
import { RedisRoomDirectory, type RedisClient } from '../../server/src/cluster/redis-room-directory.js';
import { ROOM_LEASE_MS } from '../../server/src/cluster/room-directory.js';
import { createLogger } from '../../server/src/logging/logger.js';
import { waitUntil } from '../support/headless-participant.js';
import { startRedis, type TestRedis } from '../support/start-redis.js';

let redis: TestRedis;
const clients: RedisClient[] = [];
const logger = createLogger('silent');

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await redis?.stop();
});

async function directoryOf(nodeId: string, load: Partial<NodeStatus> = {}): Promise<RedisRoomDirectory> {
  const client: RedisClient = createClient({ url: redis.url });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  const directory = new RedisRoomDirectory(nodeId, client, logger);
  await directory.announce({ id: nodeId, url: `http://${nodeId}`, rooms: 0, consumers: 0, draining: false, ...load });
  return directory;
}

const status = (id: string, consumers: number, rooms = 0, draining = false): NodeStatus => ({ id, url: '', rooms, consumers, draining });

describe('placing rooms', () => {
  it('picks the node carrying the fewest consumers, counting a room just placed, and never a draining one', () => {
    expect(leastLoaded([status('a', 40), status('b', 10), status('c', 0, 0, true)])?.id).toBe('b');
    expect(leastLoaded([status('a', 0, 2), status('b', 12)])?.id).toBe('b');
    expect(leastLoaded([status('a', 0, 0, true)])).toBeUndefined();
  });
});

describe('the room directory in Redis', () => {
  it('gives a room one home however many nodes ask at once, and spreads new rooms', async () => {
    const [a, b] = [await directoryOf('node-a'), await directoryOf('node-b')];
    const homes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).homeOf('room-1')));
    expect(new Set(homes.map((home) => home?.id)).size).toBe(1);
    // A burst of new rooms between two announcements goes to both nodes, not all to one.
    const placed = await Promise.all(Array.from({ length: 6 }, (_, i) => a.homeOf(`burst-${i}`)));
    expect(new Set(placed.map((home) => home?.id))).toEqual(new Set(['node-a', 'node-b']));
  });

  it('keeps a renewed lease, lets an unrenewed one lapse, and lets only its holder give it up', async () => {
    const [a, b] = [await directoryOf('lease-a', { consumers: 0 }), await directoryOf('lease-b', { consumers: 1000 })];
    expect((await a.homeOf('room-2'))?.id).toBe('lease-a');
    await b.release(['room-2']);
    expect((await b.homeOf('room-2'))?.id).toBe('lease-a');
    expect(await a.renew(['room-2'])).toEqual([]);
    expect(await b.renew(['room-2'])).toEqual(['room-2']);
    await a.release(['room-2']);
    expect(await redisValue(ClusterKeys.roomHome('room-2'))).toBeNull();
    await a.homeOf('room-3');
    await waitUntil(async () => (await redisValue(ClusterKeys.roomHome('room-3'))) === null, ROOM_LEASE_MS * 2);
  });

  it('takes its leases again after Redis lost them, and learns of a room another node took meanwhile', async () => {
    const a = await directoryOf('restart-a', { consumers: 0 });
    expect((await a.homeOf('room-4'))?.id).toBe('restart-a');
    expect((await a.homeOf('room-5'))?.id).toBe('restart-a');
    await redis.restart();
    await waitUntil(async () => a.reachable());
    const b = await directoryOf('restart-b');
    await b.announce({ id: 'restart-b', url: '', rooms: 0, consumers: 0, draining: false });
    // Between the restart and a's next renewal, b places room-5 on itself (a has not announced itself again).
    expect((await b.homeOf('room-5'))?.id).toBe('restart-b');
    expect(await a.renew(['room-4', 'room-5'])).toEqual(['room-5']);
    expect(await redisValue(ClusterKeys.roomHome('room-4'))).toBe('restart-a');
  });

  it('forgets a node that refused a connection: its room is placed anew at once', async () => {
    const [a, b] = [await directoryOf('gone-a', { consumers: 0 }), await directoryOf('gone-b', { consumers: 500 })];
    expect((await a.homeOf('room-6'))?.id).toBe('gone-a');
    await b.forget('gone-a', 'room-6');
    expect((await b.homeOf('room-6'))?.id).not.toBe('gone-a');
  });
});

async function redisValue(key: string): Promise<string | null> {
  const client: RedisClient = createClient({ url: redis.url });
  await client.connect();
  try {
    return await client.get(key);
  } finally {
    await client.close();
  }
}
