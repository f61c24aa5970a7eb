import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logging/logger.js';
import { ClusterKeys } from './cluster-keys.js';
import { RedisDoorSnapshots, type DoorSnapshots } from './door-snapshots.js';
import { LocalRoomDirectory } from './local-room-directory.js';
import { RedisRoomDirectory, type RedisClient } from './redis-room-directory.js';
import type { RoomDirectory } from './room-directory.js';

/** While Redis is unreachable, the client tries again this often (and no less often). */
const REDIS_RETRY_MAX_MS = 1_000;
const REDIS_RETRY_STEP_MS = 100;

/** What the node shares with the others: nothing on its own, or Redis. */
export interface Cluster {
  directory: RoomDirectory;
  doorSnapshots: DoorSnapshots | undefined;
  /** The Socket.IO adapter carrying messages between nodes; undefined alone (Socket.IO's in-memory one). */
  socketAdapter: ReturnType<typeof createAdapter> | undefined;
  /** Whether Redis answers now (always true alone). */
  redisReady(): boolean;
  close(): Promise<void>;
}

/**
 * This node's view of the others: with `redisUrl`, a room directory, door snapshots and the
 * Socket.IO Redis Streams adapter on one Redis connection, which reconnects by itself after a
 * Redis restart (the nodes announce themselves and renew their leases again within a second).
 */
export async function openCluster(redisUrl: string | undefined, nodeId: string, logger: Logger): Promise<Cluster> {
  if (!redisUrl) {
    return {
      directory: new LocalRoomDirectory(nodeId),
      doorSnapshots: undefined,
      socketAdapter: undefined,
      redisReady: () => true,
      close: async () => undefined,
    };
  }
  const redis: RedisClient = createClient({
    url: redisUrl,
    socket: { reconnectStrategy: (retries) => Math.min((retries + 1) * REDIS_RETRY_STEP_MS, REDIS_RETRY_MAX_MS) },
  });
  let reportedDown = false;
  redis.on('error', (error: unknown) => {
    // Logged once per outage, not at every reconnection attempt.
    if (!reportedDown) logger.error({ err: error }, 'Redis is unreachable; retrying');
    reportedDown = true;
  });
  redis.on('ready', () => {
    if (reportedDown) logger.info('Redis answers again');
    reportedDown = false;
  });
  await redis.connect();
  return {
    directory: new RedisRoomDirectory(nodeId, redis, logger),
    doorSnapshots: new RedisDoorSnapshots(redis),
    socketAdapter: createAdapter(redis, { streamName: ClusterKeys.socketStream }),
    redisReady: () => redis.isReady,
    close: async () => {
      await redis.close();
    },
  };
}
