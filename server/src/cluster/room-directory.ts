import type { NodeStatus } from './node-status.js';

/**
 * A node's lease on a room lasts this long unless renewed: a node that dies loses its rooms
 * within it, and another takes them over when their people come back.
 */
export const ROOM_LEASE_MS = 4_000;
/** How often a node renews its leases and announces its status: several times within a lease. */
export const RENEW_EVERY_MS = 1_000;

/**
 * Which node hosts each room. Each room has one home at a time, whose router holds its media
 * and whose process holds its live documents. In-process default: this node hosts every room
 * (local-room-directory.ts); with several nodes, a lease in Redis (redis-room-directory.ts).
 */
export interface RoomDirectory {
  readonly nodeId: string;
  /**
   * The node hosting the room; when none does, the room is placed now on the least-loaded
   * live node that takes new rooms. Undefined when its home has gone and its lease not yet
   * expired, or no node can take it: the caller asks again a little later.
   */
  homeOf(roomId: string): Promise<NodeStatus | undefined>;
  /**
   * Keeps this node's leases on `roomIds` (taking again one that Redis lost); returns the
   * rooms another node holds now, which this node must let go.
   */
  renew(roomIds: readonly string[]): Promise<string[]>;
  /** Gives up this node's leases on `roomIds` (a room emptied, or the node stops). */
  release(roomIds: readonly string[]): Promise<void>;
  /**
   * A node refused a connection (its process is gone): it leaves placement and loses its lease
   * on the room now, instead of when they lapse. A node that is in fact alive announces itself
   * again within a second, and lets the room go when it next renews (its clients reconnect here).
   */
  forget(nodeId: string, roomId: string): Promise<void>;
  /** Tells the other nodes this node's status (load, draining), valid for one lease. */
  announce(status: NodeStatus): Promise<void>;
  /** The live nodes as last announced, this one included. */
  nodes(): Promise<NodeStatus[]>;
  /** Whether the shared state (Redis) answers: false while it is unreachable. */
  reachable(): boolean;
  close(): Promise<void>;
}
