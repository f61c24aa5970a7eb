import type { createClient } from 'redis';
import type { Logger } from '../logging/logger.js';
import { ClusterKeys } from './cluster-keys.js';
import { leastLoaded, type NodeStatus } from './node-status.js';
import { ROOM_LEASE_MS, type RoomDirectory } from './room-directory.js';

export type RedisClient = ReturnType<typeof createClient>;

/** Keeps the lease when it is this node's, or takes it again when Redis lost it (a restart); 0 when another node holds it. */
const RENEW_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/** Deletes the key only while it holds the expected value: a lease given up, or a stale one cleared. */
const DELETE_IF_HELD_BY = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * The room directory of several nodes sharing one Redis: a room's home is a key holding the
 * node's id with an expiry (the lease), set only if absent, renewed by the node every
 * second, and deleted only by its holder. Each node's status is a key of its own with the
 * same expiry, so a dead node disappears from placement as its leases lapse.
 */
export class RedisRoomDirectory implements RoomDirectory {
  /** Rooms placed on each node since its last announcement, so that a burst of new rooms is spread. */
  private readonly placedSince = new Map<string, number>();

  constructor(
    readonly nodeId: string,
    private readonly redis: RedisClient,
    private readonly logger: Logger,
  ) {}

  async homeOf(roomId: string): Promise<NodeStatus | undefined> {
    const key = ClusterKeys.roomHome(roomId);
    for (;;) {
      const [holder, nodes] = await Promise.all([this.redis.get(key), this.nodes()]);
      if (holder !== null) {
        const home = nodes.find((node) => node.id === holder);
        if (home) return home;
        // Its node stopped announcing itself: the lease is about to lapse anyway; clear it now.
        await this.redis.eval(DELETE_IF_HELD_BY, { keys: [key], arguments: [holder] });
        this.logger.info({ room: roomId, node: holder }, 'room’s home node is gone; placing the room anew');
      }
      const chosen = leastLoaded(nodes.map((node) => ({ ...node, rooms: node.rooms + (this.placedSince.get(node.id) ?? 0) })));
      if (!chosen) return undefined;
      // Counted before the write, so that placements deciding meanwhile see it.
      this.placedSince.set(chosen.id, (this.placedSince.get(chosen.id) ?? 0) + 1);
      const placed = await this.redis.set(key, chosen.id, { condition: 'NX', expiration: { type: 'PX', value: ROOM_LEASE_MS } });
      if (placed === 'OK') return chosen;
      this.placedSince.set(chosen.id, Math.max(0, (this.placedSince.get(chosen.id) ?? 1) - 1));
      // Another node placed it meanwhile: read whose it is.
    }
  }

  async renew(roomIds: readonly string[]): Promise<string[]> {
    const kept = await Promise.all(
      roomIds.map((roomId) =>
        this.redis.eval(RENEW_LEASE, { keys: [ClusterKeys.roomHome(roomId)], arguments: [this.nodeId, String(ROOM_LEASE_MS)] }),
      ),
    );
    return roomIds.filter((_, index) => kept[index] !== 1);
  }

  async release(roomIds: readonly string[]): Promise<void> {
    await Promise.all(
      roomIds.map((roomId) => this.redis.eval(DELETE_IF_HELD_BY, { keys: [ClusterKeys.roomHome(roomId)], arguments: [this.nodeId] })),
    );
  }

  async forget(nodeId: string, roomId: string): Promise<void> {
    if (nodeId === this.nodeId) return;
    await Promise.all([
      this.redis.del(ClusterKeys.node(nodeId)),
      this.redis.eval(DELETE_IF_HELD_BY, { keys: [ClusterKeys.roomHome(roomId)], arguments: [nodeId] }),
    ]);
  }

  async announce(status: NodeStatus): Promise<void> {
    await Promise.all([
      this.redis.set(ClusterKeys.node(status.id), JSON.stringify(status), { expiration: { type: 'PX', value: ROOM_LEASE_MS } }),
      this.redis.sAdd(ClusterKeys.nodes, status.id),
    ]);
    this.placedSince.clear();
  }

  async nodes(): Promise<NodeStatus[]> {
    const ids = await this.redis.sMembers(ClusterKeys.nodes);
    if (ids.length === 0) return [];
    const statuses = await this.redis.mGet(ids.map((id) => ClusterKeys.node(id)));
    const live: NodeStatus[] = [];
    const gone: string[] = [];
    statuses.forEach((status, index) => {
      if (status === null) gone.push(ids[index]!);
      else live.push(JSON.parse(status) as NodeStatus);
    });
    // A node that stopped long ago leaves the set; one that comes back adds itself again.
    if (gone.length > 0) await this.redis.sRem(ClusterKeys.nodes, gone);
    return live;
  }

  reachable(): boolean {
    return this.redis.isReady;
  }

  /** Leaves the set of nodes at once; unreachable, the node's status lapses within a lease instead. */
  async close(): Promise<void> {
    try {
      await Promise.all([this.redis.sRem(ClusterKeys.nodes, this.nodeId), this.redis.del(ClusterKeys.node(this.nodeId))]);
    } catch (error) {
      this.logger.warn({ err: error }, 'leaving the set of nodes failed; this node’s status lapses by itself');
    }
  }
}
