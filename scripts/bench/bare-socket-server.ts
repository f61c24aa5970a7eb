import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { ClientEvent, ServerEvent, type ConsumerInfo } from '@mediation/shared';
import type { JoinFrames } from './join-frames.js';

interface BareMember {
  socket: Socket;
  ready: boolean;
  sending: ('audio' | 'video')[];
}

/**
 * A Socket.IO server that answers the join's requests and makes its pushes with the frames
 * the service sends (same events, same sizes), and does nothing else: no token check, no
 * store, no media. What it costs is what carrying the join over Socket.IO costs by itself.
 */
export async function startBareSocketServer(frames: JoinFrames): Promise<{ url: string; close: () => Promise<void> }> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  const rooms = new Map<string, BareMember[]>();
  const consumerOf = (kind: 'audio' | 'video'): ConsumerInfo => ({ ...frames.consumers[kind], id: randomUUID() });
  const infoOf = (socket: Socket) => ({ ...frames.welcome.self, id: socket.id });

  io.on('connection', (socket) => {
    const roomId = String(socket.handshake.auth.roomId);
    const members = rooms.get(roomId) ?? [];
    rooms.set(roomId, members);
    const me: BareMember = { socket, ready: false, sending: [] };
    for (const other of members) other.socket.emit(ServerEvent.participantJoined, infoOf(socket));
    socket.emit(ServerEvent.welcome, { ...frames.welcome, self: infoOf(socket), participants: members.map((m) => infoOf(m.socket)) });
    socket.emit(ServerEvent.draftingState, frames.draftingState);
    socket.emit(ServerEvent.signingState, frames.signingState);
    members.push(me);

    socket.on(ClientEvent.ready, (_request: unknown, ack: (answer: unknown) => void) => {
      me.ready = true;
      const consumers = members.filter((m) => m !== me).flatMap((m) => m.sending.map(consumerOf));
      ack({ ok: true, data: { consumers } });
    });
    socket.on(ClientEvent.produce, (request: { kind: 'audio' | 'video' }, ack: (answer: unknown) => void) => {
      me.sending.push(request.kind);
      ack({ ok: true, data: { producerId: randomUUID() } });
      // The client's answer names the consumers it attached; with no media there is nothing to resume.
      for (const other of members) if (other !== me && other.ready) other.socket.emit(ServerEvent.consumersAdded, [consumerOf(request.kind)], () => undefined);
    });
    socket.on(ClientEvent.resumeConsumers, (_request: unknown, ack: (answer: unknown) => void) => ack({ ok: true, data: {} }));
    socket.on('disconnect', () => members.splice(members.indexOf(me), 1));
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}
