import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Server } from 'socket.io';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ClientEvent, fromBase64, isEmptyUpdate, Role, ServerEvent, toBase64, type DraftDocument, type DraftSyncPush } from '@mediation/shared';
import { coalesceFlushedFrames } from '../../server/src/realtime/coalesce-flushed-frames.js';

const SYNC_STEP_1 = 0;

/** Stores a change before it is forwarded, as the service does (the room's id is its case's). */
export type PersistChange = (roomId: string, document: DraftDocument, update: Uint8Array) => Promise<unknown>;

/**
 * A Socket.IO server that carries the drafting benchmark's messages the way the service
 * does (the room's connection, `draft:sync` requests acknowledged and `draft:push` not,
 * each change pushed to the room's other members) and does nothing else: no document,
 * no permission check, and no store unless `persist` is given. What it costs is what
 * carrying live drafting over Socket.IO (and storing each change) costs by itself. Every
 * editor starts empty and no change is lost, so relaying alone keeps them in step. It
 * writes to its connections as the service does (coalesce-flushed-frames.ts).
 */
export async function startBareDraftRelay(persist?: PersistChange): Promise<{ url: string; close: () => Promise<void> }> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  // The service's one change to how Socket.IO writes: the frames of one flush leave in one system call.
  coalesceFlushedFrames(io.engine);
  // What an empty server answers to an editor's step 1: nothing it lacks, and its own (empty) state vector.
  const empty = new Y.Doc();
  const answerToStep1 = [syncMessage((e) => syncProtocol.writeSyncStep2(e, empty)), syncMessage((e) => syncProtocol.writeSyncStep1(e, empty))];

  io.on('connection', (socket) => {
    const roomId = String(socket.handshake.auth.roomId);
    void socket.join(roomId);
    const self = { id: socket.id, displayName: 'Editor', role: Role.mediator, audio: false, video: false };
    socket.emit(ServerEvent.welcome, {
      roomId,
      caseId: roomId,
      self,
      participants: [],
      routerRtpCapabilities: { codecs: [], headerExtensions: [] },
      sendTransport: null,
      recvTransport: { id: 'none', iceParameters: { usernameFragment: '', password: '' }, iceCandidates: [], dtlsParameters: { fingerprints: [] } },
    });
    // Changes are stored in the order they arrive; an acknowledgement waits for every earlier one.
    let stored: Promise<unknown> = Promise.resolve();
    const relay = (request: DraftSyncPush, update: Uint8Array) => {
      stored = Promise.all([stored, persist?.(roomId, request.document, update)]);
      return stored.then(() => socket.to(roomId).emit(ServerEvent.draftSync, { document: request.document, message: request.message }));
    };
    socket.on(ClientEvent.draftSync, async (request: DraftSyncPush, ack: (answer: unknown) => void) => {
      const message = fromBase64(request.message);
      if (message[0] === SYNC_STEP_1) {
        ack({ ok: true, data: { replies: answerToStep1 } });
        return;
      }
      const update = updateOf(message);
      // An empty update asks for a confirmation of the pushes before it.
      await (isEmptyUpdate(update) ? stored : relay(request, update));
      ack({ ok: true, data: { replies: [] } });
    });
    socket.on(ClientEvent.draftPush, (request: DraftSyncPush) => void relay(request, updateOf(fromBase64(request.message))));
    socket.on(ClientEvent.draftAwareness, (request: { document: string; update: string }, ack: (answer: unknown) => void) => {
      socket.to(roomId).emit(ServerEvent.draftAwareness, request);
      ack({ ok: true, data: {} });
    });
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}

function syncMessage(write: (encoder: encoding.Encoder) => void): string {
  const encoder = encoding.createEncoder();
  write(encoder);
  return toBase64(encoding.toUint8Array(encoder));
}

/** The update in a sync message: its type and the update's length come first. */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}
