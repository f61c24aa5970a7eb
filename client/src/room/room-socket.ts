import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@mediation/shared';
import { io, type Socket } from 'socket.io-client';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the signalling socket (same origin, default path). WebSocket first, so several
 * servers behind a load balancer need no sticky sessions; long-polling only if it fails.
 */
export function openRoomSocket(auth: HandshakeAuth): RoomSocket {
  return io({
    auth: { ...auth },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}
