import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import {
  ClientEvent,
  EMPTY_UPDATE,
  ErrorCode,
  fromBase64,
  ServerEvent,
  toBase64,
  type Base64,
  type DraftDocument,
  type DraftRefusedPush,
} from '@mediation/shared';
import { ClientErrorCode } from '../errors/client-error-codes';
import type { AnyErrorCode } from '../errors/coded-error';
import { CodedError, errorCodeOf, isKnownErrorCode } from '../errors/coded-error';
import { request } from '../room/request';
import type { RoomSocket } from '../room/room-socket';

/** Carets and selections are sent at most this often; document changes go at once. */
const AWARENESS_INTERVAL_MS = 80;

/**
 * Changes go out at once, but the server is asked to confirm them (an acknowledged
 * `draft:sync`) at most this often while someone types; the others are pushed without
 * acknowledgement (`draft:push`), and the next acknowledgement confirms them too.
 */
const CONFIRM_EVERY_MS = 2_000;
/** Pushed changes not yet confirmed are confirmed once typing has paused this long. */
const CONFIRM_WHEN_IDLE_MS = 1_000;
/** An update message with the empty update: it asks the server to confirm what came before. */
const CONFIRMATION_REQUEST = encode((e) => syncProtocol.writeUpdate(e, EMPTY_UPDATE));

/**
 * Failures of a change that the server did not refuse for its content: it may lack the change
 * (and every later one, which builds on it). A new sync exchange sends whatever it lacks.
 */
const RESYNC_AFTER: ReadonlySet<AnyErrorCode> = new Set([ErrorCode.rateLimited, ErrorCode.internal, ClientErrorCode.requestTimeout]);
const RESYNC_DELAY_MS = 1_000;

export type DraftStatus =
  /** Not yet in step with the server (connecting, or back from a drop). */
  | 'syncing'
  /** Every local change is stored on the server. */
  | 'saved'
  /** Local changes on their way; they are merged on return if the connection drops. */
  | 'saving'
  | 'offline';

interface DraftProviderEvents {
  status: (status: DraftStatus) => void;
  /** The server refused a change or a message (FORBIDDEN, DRAFT_UPDATE_INVALID, ...). */
  error: (code: AnyErrorCode) => void;
}

/**
 * Keeps one Y.Doc and its awareness in step with the server over the room's Socket.IO
 * connection, with y-protocols' sync and awareness messages (shared/.../DRAFTING.md).
 * The Y.Doc outlives connection drops: on every (re)connection the two sides exchange
 * state vectors and send each other what the other lacks, so offline typing is merged.
 */
export class DraftProvider extends ObservableV2<DraftProviderEvents> {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  status: DraftStatus = 'syncing';
  private synced = false;
  /** Changes sent on this connection, and how many of them the server has confirmed. */
  private sent = 0;
  private confirmed = 0;
  /** When a change was last sent acknowledged, and when one was last pushed. */
  private confirmationAskedAt = Number.NEGATIVE_INFINITY;
  private pushedAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts connections, so an acknowledgement from before a drop confirms nothing after it. */
  private connection = 0;
  private pendingUpdates: Uint8Array[] = [];
  private flushScheduled = false;
  private awarenessChanged = new Set<number>();
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(
    private readonly socket: RoomSocket,
    readonly document: DraftDocument,
    doc: Y.Doc = new Y.Doc(),
  ) {
    super();
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    doc.on('update', this.onLocalUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    socket.on(ServerEvent.draftSync, this.onServerSync);
    socket.on(ServerEvent.draftAwareness, this.onServerAwareness);
    socket.on(ServerEvent.draftRefused, this.onRefused);
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    if (socket.connected) this.onConnect();
    else this.setStatus('offline');
  }

  /** Resolves once the document is in step with the server. */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.synced) return;
        this.off('status', check);
        resolve();
      };
      this.on('status', check);
    });
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.socket.connected) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
      this.flushAwareness();
    }
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onLocalUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.socket.off(ServerEvent.draftSync, this.onServerSync);
    this.socket.off(ServerEvent.draftAwareness, this.onServerAwareness);
    this.socket.off(ServerEvent.draftRefused, this.onRefused);
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    super.destroy();
  }

  /** Step 1 on every connection: the server answers with step 2 and its own step 1. */
  private readonly onConnect = (): void => {
    this.pendingUpdates = [];
    this.setStatus('syncing');
    const message = encode((e) => syncProtocol.writeSyncStep1(e, this.doc));
    request(this.socket, ClientEvent.draftSync, { document: this.document, message: toBase64(message) })
      .then(({ replies }) => {
        if (this.destroyed) return;
        for (const reply of replies) {
          const answer = this.readSyncMessage(fromBase64(reply));
          if (answer) this.sendAcknowledged(answer, ++this.sent);
        }
        this.synced = true;
        this.updateStatus();
        if (this.awareness.getLocalState() !== null) {
          this.awarenessChanged.add(this.doc.clientID);
          this.flushAwareness();
        }
      })
      .catch((error: unknown) => {
        if (RESYNC_AFTER.has(errorCodeOf(error))) this.scheduleResync();
        this.fail(error);
      });
  };

  private readonly onDisconnect = (): void => {
    this.synced = false;
    // What the server lacks goes out in the next connection's sync exchange.
    this.connection++;
    this.sent = 0;
    this.confirmed = 0;
    this.confirmationAskedAt = Number.NEGATIVE_INFINITY;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
    this.setStatus('offline');
  };

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    if (!this.synced) return; // Sent by the sync exchange on the next connection.
    this.pendingUpdates.push(update);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.setStatus('saving');
    // Changes made in one turn (a paste, a template) travel as one message.
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (this.pendingUpdates.length === 0 || !this.synced) return;
      const merged = this.pendingUpdates.length === 1 ? this.pendingUpdates[0]! : Y.mergeUpdates(this.pendingUpdates);
      this.pendingUpdates = [];
      this.sendChange(encode((e) => syncProtocol.writeUpdate(e, merged)));
    });
  };

  /** A local change: acknowledged if no confirmation was asked for lately, pushed otherwise. */
  private sendChange(message: Uint8Array): void {
    const number = ++this.sent;
    const now = performance.now();
    if (now - this.confirmationAskedAt >= CONFIRM_EVERY_MS) {
      this.sendAcknowledged(message, number);
      return;
    }
    this.socket.emit(ClientEvent.draftPush, { document: this.document, message: toBase64(message) });
    this.pushedAt = now;
    this.idleTimer ??= setTimeout(this.onIdle, CONFIRM_WHEN_IDLE_MS);
  }

  /** Once typing pauses, asks the server to confirm what was pushed since the last acknowledgement. */
  private readonly onIdle = (): void => {
    this.idleTimer = null;
    if (this.destroyed || !this.synced || this.confirmed >= this.sent) return;
    const idleFor = performance.now() - this.pushedAt;
    if (idleFor < CONFIRM_WHEN_IDLE_MS) {
      this.idleTimer = setTimeout(this.onIdle, CONFIRM_WHEN_IDLE_MS - idleFor);
      return;
    }
    this.sendAcknowledged(CONFIRMATION_REQUEST, this.sent);
  };

  /**
   * Sends a message as a `draft:sync` request; its acknowledgement confirms change `number`
   * and every change sent before it on this connection.
   */
  private sendAcknowledged(message: Uint8Array, number: number): void {
    this.confirmationAskedAt = performance.now();
    this.setStatus('saving');
    const connection = this.connection;
    request(this.socket, ClientEvent.draftSync, { document: this.document, message: toBase64(message) })
      .then(() => this.confirm(number, connection))
      .catch((error: unknown) => {
        if (RESYNC_AFTER.has(errorCodeOf(error))) {
          this.scheduleResync();
          this.updateStatus();
        } else {
          this.confirm(number, connection); // Refused for its content: nothing to send again.
        }
        this.fail(error);
      });
  }

  private confirm(number: number, connection: number): void {
    if (connection === this.connection) this.confirmed = Math.max(this.confirmed, number);
    this.updateStatus();
  }

  private scheduleResync(): void {
    if (this.resyncTimer || this.destroyed) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      // Otherwise the next connection's exchange does it.
      if (!this.destroyed && this.socket.connected) this.onConnect();
    }, RESYNC_DELAY_MS);
  }

  private readonly onServerSync = ({ document, message }: { document: DraftDocument; message: Base64 }): void => {
    if (document !== this.document) return;
    const answer = this.readSyncMessage(fromBase64(message));
    if (answer) this.sendAcknowledged(answer, ++this.sent);
  };

  /** A pushed change was refused or failed; the server may lack it. (A push naming no valid document is not ours.) */
  private readonly onRefused = ({ document, error }: DraftRefusedPush): void => {
    if (document !== this.document) return;
    const code = isKnownErrorCode(error.code) ? error.code : ClientErrorCode.unexpectedResponse;
    if (RESYNC_AFTER.has(code)) this.scheduleResync();
    this.updateStatus();
    this.fail(new CodedError(code, error.message));
  };

  /** Reads a sync message into the doc; returns the answer it calls for (step 2 to a step 1), if any. */
  private readSyncMessage(message: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(message);
    const encoder = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    return encoding.length(encoder) > 0 ? encoding.toUint8Array(encoder) : null;
  }

  private readonly onServerAwareness = ({ document, update }: { document: DraftDocument; update: Base64 }): void => {
    if (document !== this.document) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, fromBase64(update), this);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return;
    // Only our own caret is ours to send: others' states leave by their owners (or time out
    // here), and the server refuses a change to a caret that is not the sender's.
    if (![...added, ...updated, ...removed].includes(this.doc.clientID)) return;
    this.awarenessChanged.add(this.doc.clientID);
    if (this.awarenessTimer || !this.synced) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      this.flushAwareness();
    }, AWARENESS_INTERVAL_MS);
  };

  private flushAwareness(): void {
    if (this.awarenessChanged.size === 0 || !this.socket.connected) return;
    const update = toBase64(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessChanged]));
    this.awarenessChanged.clear();
    request(this.socket, ClientEvent.draftAwareness, { document: this.document, update }).catch((error: unknown) =>
      this.fail(error),
    );
  }

  private updateStatus(): void {
    if (!this.socket.connected) this.setStatus('offline');
    else if (!this.synced) this.setStatus('syncing');
    else this.setStatus(this.confirmed < this.sent || this.pendingUpdates.length > 0 || this.resyncTimer ? 'saving' : 'saved');
  }

  private setStatus(status: DraftStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', [status]);
  }

  private fail(error: unknown): void {
    if (!this.destroyed) this.emit('error', [errorCodeOf(error)]);
  }
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
