import type { RoomRegistry } from '../rooms/room-registry.js';

/** How loaded this node is: its open rooms and the consumers (tracks received) they carry. */
export function nodeLoad(rooms: RoomRegistry): { rooms: number; consumers: number } {
  let consumers = 0;
  const open = rooms.list();
  for (const room of open) {
    for (const participant of room.participants.values()) consumers += participant.consumers.size;
  }
  return { rooms: open.length, consumers };
}
