import { ADMISSION_MEMORY_MS } from '../rooms/room-doors.js';
import type { DoorSnapshot } from '../rooms/room-door.js';
import { ClusterKeys } from './cluster-keys.js';
import type { RedisClient } from './redis-room-directory.js';

/** Rooms' doors as their home nodes last saved them, for the node that takes a room over. */
export interface DoorSnapshots {
  load(roomId: string): Promise<DoorSnapshot | undefined>;
  save(roomId: string, snapshot: DoorSnapshot): Promise<void>;
}

/** Kept in Redis as long as a door remembers who was let in. */
export class RedisDoorSnapshots implements DoorSnapshots {
  constructor(private readonly redis: RedisClient) {}

  async load(roomId: string): Promise<DoorSnapshot | undefined> {
    const kept = await this.redis.get(ClusterKeys.roomDoor(roomId));
    return kept === null ? undefined : (JSON.parse(kept) as DoorSnapshot);
  }

  async save(roomId: string, snapshot: DoorSnapshot): Promise<void> {
    await this.redis.set(ClusterKeys.roomDoor(roomId), JSON.stringify(snapshot), { expiration: { type: 'PX', value: ADMISSION_MEMORY_MS } });
  }
}
