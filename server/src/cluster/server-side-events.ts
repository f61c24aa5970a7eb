/**
 * What one node tells the others through the Socket.IO adapter (Redis Streams), for a room
 * whose home may be another node.
 */
export interface ServerSideEvents {
  /** A person's link was withdrawn (at the desk, on whichever node): out of the lobby and the room. */
  sendAway: (roomId: string, participantId: string) => void;
}
