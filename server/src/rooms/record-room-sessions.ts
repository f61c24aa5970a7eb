import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { RoomRegistry } from './room-registry.js';

/**
 * Keeps the record of each time a case's room is held (the statistics' sessions held): a
 * room session starts when the first person comes in (and the case goes in session) and
 * ends when the room closes, ended by the mediator or left empty. Written after the join,
 * off its path; a failed write is logged and never reaches the room.
 */
export function recordRoomSessions(rooms: RoomRegistry, store: Pick<Store, 'startRoomSession' | 'endRoomSession'>, logger: Logger): void {
  /** The room session of each held room, by room id: its id once it is stored, null if storing it failed. */
  const held = new Map<string, Promise<string | null>>();

  rooms.onFirstEntry((roomId, caseId) => {
    const id = randomUUID();
    const startedAt = new Date().toISOString();
    const started = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => store.startRoomSession({ id, caseId, startedAt }))
      .then(
        () => id,
        (error: unknown) => {
          logger.error({ err: error, room: roomId, case: caseId }, 'recording the start of a room session failed');
          return null;
        },
      );
    held.set(roomId, started);
  });

  rooms.onClosed((roomId, caseId) => {
    const started = held.get(roomId);
    if (!started) return;
    held.delete(roomId);
    const endedAt = new Date().toISOString();
    started
      .then((id) => (id === null ? undefined : store.endRoomSession(id, endedAt)))
      .catch((error: unknown) => logger.error({ err: error, room: roomId, case: caseId }, 'recording the end of a room session failed'));
  });
}
