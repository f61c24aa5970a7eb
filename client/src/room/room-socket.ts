import { ROOM_QUERY_PARAMETER, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '@mediation/shared';
import { io, type Socket } from 'socket.io-client';

/** A phone whose network came back tries again soon: first after half a second, then at least every second. */
const RECONNECTION_DELAY_MS = 500;
const RECONNECTION_DELAY_MAX_MS = 1_000;

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the signalling socket (same origin, default path). WebSocket first, so several
 * servers behind a load balancer need no sticky sessions; long-polling only if it fails.
 * Every request names the room, so whichever server receives it routes it to the room's home.
 */
export function openRoomSocket(auth: HandshakeAuth): RoomSocket {
  return io({
    auth: { ...auth },
    query: { [ROOM_QUERY_PARAMETER]: auth.roomId },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: RECONNECTION_DELAY_MS,
    reconnectionDelayMax: RECONNECTION_DELAY_MAX_MS,
  });
}
