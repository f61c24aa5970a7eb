import type { Logger } from '../logging/logger.js';
import type { RoomDoors } from '../rooms/room-doors.js';
import type { DoorSnapshots } from './door-snapshots.js';
import type { NodeStatus } from './node-status.js';
import { RENEW_EVERY_MS, type RoomDirectory } from './room-directory.js';

/** A connection this node serves for a room; closing its transport makes the client reconnect (and be placed anew). */
export interface HostedConnection {
  closeTransport(): void;
}

/**
 * A room emptied keeps its home this long before the lease is given up: a reload or a
 * dropped phone comes back to the same node and finds its room still open.
 */
export const EMPTY_ROOM_RELEASE_MS = 10_000;

/**
 * The rooms this node is home of, with their connections: it takes a room when its directory
 * says so, keeps the leases alive, saves each door for whoever takes a room over, gives up a
 * room left empty, lets go of one another node holds now (its clients reconnect there), and
 * hands every room over before the node stops.
 */
export class RoomHosting {
  private readonly hosted = new Map<string, Set<HostedConnection>>();
  private readonly taking = new Map<string, Promise<void>>();
  private readonly releasing = new Map<string, NodeJS.Timeout>();
  private readonly savedDoors = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private drainingNow = false;

  constructor(
    private readonly directory: RoomDirectory,
    private readonly doors: RoomDoors,
    private readonly snapshots: DoorSnapshots | undefined,
    private readonly status: () => Omit<NodeStatus, 'draining'>,
    private readonly logger: Logger,
  ) {}

  /** Announces this node and keeps its leases from now on. */
  async start(): Promise<void> {
    await this.directory.announce({ ...this.status(), draining: false });
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick());
    }, RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Handing its rooms over before it stops. */
  get draining(): boolean {
    return this.drainingNow;
  }

  /** Rooms this node is home of now. */
  get rooms(): string[] {
    return [...this.hosted.keys()];
  }

  /**
   * Serves a connection to the room if this node is its home (taking it when nobody hosts it
   * and this node is the least loaded); false when another node is, or this one is stopping.
   */
  async accept(roomId: string, connection: HostedConnection): Promise<boolean> {
    if (this.drainingNow) return false;
    const home = await this.directory.homeOf(roomId);
    if (home?.id !== this.directory.nodeId || this.drainingNow) return false;
    await this.take(roomId);
    clearTimeout(this.releasing.get(roomId));
    this.releasing.delete(roomId);
    let connections = this.hosted.get(roomId);
    if (!connections) {
      connections = new Set();
      this.hosted.set(roomId, connections);
    }
    connections.add(connection);
    return true;
  }

  /** A connection closed; a room left without any is given up a little later. */
  drop(roomId: string, connection: HostedConnection): void {
    const connections = this.hosted.get(roomId);
    if (!connections?.delete(connection) || connections.size > 0) return;
    clearTimeout(this.releasing.get(roomId));
    const timer = setTimeout(() => {
      this.releasing.delete(roomId);
      this.releaseIfEmpty(roomId).catch((error: unknown) => this.logger.warn({ err: error, room: roomId }, 'giving up an empty room failed'));
    }, EMPTY_ROOM_RELEASE_MS);
    timer.unref();
    this.releasing.set(roomId, timer);
  }

  /** Before the node stops: no new room comes here, each door is saved, each lease given up, and every client reconnects elsewhere. */
  async handOver(): Promise<void> {
    this.drainingNow = true;
    clearInterval(this.timer);
    await this.ticking;
    const rooms = this.rooms;
    try {
      await this.directory.announce({ ...this.status(), draining: true });
      await this.saveDoors(rooms, true);
      await this.directory.release(rooms);
    } catch (error) {
      this.logger.warn({ err: error }, 'handing the rooms over through Redis failed; their leases lapse instead');
    }
    for (const roomId of rooms) this.letGo(roomId);
    this.logger.info({ rooms: rooms.length }, 'rooms handed over');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const timer of this.releasing.values()) clearTimeout(timer);
    await this.ticking;
    await this.directory.close();
  }

  /** Newly home of the room: its door as the node before left it. Two connections at once take it once. */
  private take(roomId: string): Promise<void> {
    if (this.hosted.has(roomId) || !this.snapshots) return Promise.resolve();
    let taking = this.taking.get(roomId);
    if (!taking) {
      const snapshots = this.snapshots;
      taking = snapshots
        .load(roomId)
        .then((snapshot) => {
          if (snapshot && !this.hosted.has(roomId)) this.doors.of(roomId).restore(snapshot);
        })
        .finally(() => this.taking.delete(roomId));
      this.taking.set(roomId, taking);
    }
    return taking;
  }

  private async releaseIfEmpty(roomId: string): Promise<void> {
    if ((this.hosted.get(roomId)?.size ?? 0) > 0) return;
    await this.saveDoors([roomId], true);
    if ((this.hosted.get(roomId)?.size ?? 0) > 0) return;
    this.hosted.delete(roomId);
    this.savedDoors.delete(roomId);
    await this.directory.release([roomId]);
  }

  /** Another node holds the room now: its clients reconnect, and the load balancer's node sends them there. */
  private letGo(roomId: string): void {
    const connections = this.hosted.get(roomId) ?? new Set();
    this.hosted.delete(roomId);
    this.savedDoors.delete(roomId);
    for (const connection of connections) connection.closeTransport();
  }

  private async tick(): Promise<void> {
    if (this.drainingNow) return;
    try {
      await this.directory.announce({ ...this.status(), draining: false });
      const lost = await this.directory.renew(this.rooms);
      for (const roomId of lost) {
        this.logger.warn({ room: roomId }, 'another node holds this room now; its clients go there');
        this.letGo(roomId);
      }
      await this.saveDoors(this.rooms, false);
    } catch (error) {
      this.logger.warn({ err: error }, 'renewing the room leases failed; trying again');
    }
  }

  /** Saves the doors that changed since last saved (all of them when `always`). */
  private async saveDoors(roomIds: readonly string[], always: boolean): Promise<void> {
    const snapshots = this.snapshots;
    if (!snapshots) return;
    await Promise.all(
      roomIds.map(async (roomId) => {
        const door = this.doors.find(roomId);
        if (!door) return;
        const snapshot = door.snapshot();
        const json = JSON.stringify(snapshot);
        if (!always && this.savedDoors.get(roomId) === json) return;
        await snapshots.save(roomId, snapshot);
        this.savedDoors.set(roomId, json);
      }),
    );
  }
}
