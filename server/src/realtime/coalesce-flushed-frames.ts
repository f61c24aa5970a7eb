import type { Socket as NetSocket } from 'node:net';
import type { Server } from 'socket.io';

type EngineSocket = { transport: { name: string; socket?: { _socket?: NetSocket } } };

/**
 * Writes the messages engine.io flushes together as one write to the kernel. Messages
 * emitted to a connection while its previous write is in flight wait in engine.io's buffer
 * and leave together, but the WebSocket library writes each frame on its own; on loopback
 * and in virtual machines each of those system calls costs tens of microseconds, and
 * under load they were the largest part of what sending cost. Nothing is held back:
 * the frames of one flush are written at once, as before, only in one call.
 */
export function coalesceFlushedFrames(engine: Server['engine']): void {
  let held: NetSocket | undefined;
  engine.on('flush', (socket: EngineSocket, buffer: unknown[]) => {
    if (buffer.length < 2 || socket.transport.name !== 'websocket') return;
    held = socket.transport.socket?._socket;
    held?.cork();
  });
  // Emitted right after the flush's frames were handed to the socket, in the same turn.
  engine.on('drain', () => {
    held?.uncork();
    held = undefined;
  });
}
