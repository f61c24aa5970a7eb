import type { Logger } from '../logging/logger.js';
import type { WorkerPool } from '../media/worker-pool.js';
import { Room } from './room.js';

/** The live rooms of this process, created on first join through one get-or-create. */
export class RoomRegistry {
  private readonly pending = new Map<string, Promise<Room>>();
  private readonly open = new Map<string, Room>();
  private readonly closedListeners: ((roomId: string, caseId: string) => void)[] = [];
  private readonly firstEntryListeners: ((roomId: string, caseId: string) => void)[] = [];

  constructor(
    private readonly workers: WorkerPool,
    private readonly logger: Logger,
  ) {}

  /**
   * Returns the open room, creating it on the least-loaded worker. Two simultaneous
   * joins share one pending creation; a room that closed meanwhile is created anew.
   */
  async getOrCreate(roomId: string, caseId: string): Promise<Room> {
    for (;;) {
      let pending = this.pending.get(roomId);
      if (!pending) {
        const created = this.create(roomId, caseId);
        this.pending.set(roomId, created);
        created.catch(() => {
          if (this.pending.get(roomId) === created) this.pending.delete(roomId);
        });
        pending = created;
      }
      const room = await pending;
      if (!room.closed) return room;
    }
  }

  /** The open room of this id, if there is one. */
  find(roomId: string): Room | undefined {
    return this.open.get(roomId);
  }

  /** Told of each room that closes (its last participant left, or its worker died). */
  onClosed(listener: (roomId: string, caseId: string) => void): void {
    this.closedListeners.push(listener);
  }

  /** Told when the first person comes into a room (it is being held from then until it closes). */
  onFirstEntry(listener: (roomId: string, caseId: string) => void): void {
    this.firstEntryListeners.push(listener);
  }

  /** Rooms that are open now. */
  list(): Room[] {
    return [...this.open.values()];
  }

  closeAll(): void {
    for (const room of this.list()) room.close();
  }

  private async create(roomId: string, caseId: string): Promise<Room> {
    const { router, mediaWorker } = await this.workers.createRouter({ roomId });
    const room = new Room(roomId, caseId, router, mediaWorker, this.logger, (closed) => {
      if (this.open.get(roomId) !== closed) return;
      this.open.delete(roomId);
      this.pending.delete(roomId);
      for (const listener of this.closedListeners) listener(roomId, caseId);
    }, (entered) => {
      if (this.open.get(roomId) !== entered) return;
      for (const listener of this.firstEntryListeners) listener(roomId, caseId);
    });
    this.open.set(roomId, room);
    this.logger.info({ room: roomId, worker: mediaWorker.index }, 'room opened');
    return room;
  }
}
