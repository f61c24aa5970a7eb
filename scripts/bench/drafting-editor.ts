import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DraftDocument } from '@mediation/shared';
import { DraftProvider } from '../../client/src/drafting/draft-provider.js';
import { HeadlessParticipant } from '../../test/support/headless-participant.js';

/** One editor of the `drafting` benchmark: a replica of its room's document, in step with a server. */
export interface Editor {
  readonly doc: Y.Doc;
  /** Codes the server refused changes with (none expected). */
  readonly errors: string[];
  close(): void;
}

/**
 * Our service: a participant joins the room with its join token, as the browser does
 * (which also sets up its media transports), and opens the notes document over that socket.
 */
export async function connectOurEditor(serviceUrl: string, join: { token: string; roomId: string }): Promise<Editor> {
  const participant = await HeadlessParticipant.connect(serviceUrl, join);
  const provider = new DraftProvider(participant.socket, DraftDocument.notes);
  const errors: string[] = [];
  provider.on('error', (code) => errors.push(code));
  await provider.whenSynced();
  return {
    doc: provider.doc,
    errors,
    close() {
      provider.destroy();
      participant.close();
    },
  };
}

/**
 * The reference: y-websocket's provider against @y/websocket-server. Without disableBc,
 * providers of one process would exchange updates through a BroadcastChannel instead of the server.
 */
export async function connectReferenceEditor(serverUrl: string, roomName: string): Promise<Editor> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, roomName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const errors: string[] = [];
  provider.on('connection-error', () => errors.push('CONNECTION_ERROR'));
  provider.on('connection-close', () => errors.push('CONNECTION_CLOSED'));
  await new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    errors,
    close() {
      provider.destroy();
    },
  };
}
