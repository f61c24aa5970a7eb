import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ErrorCode, isEmptyUpdate, ServerEvent, toBase64, type DraftDocument } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { DraftingMember, SendToGroup } from './drafting-member.js';
import { checkAwarenessUpdate } from './check-awareness-update.js';
import { checkUpdateContent } from './check-update-content.js';
import { updateChangesDocument } from './update-changes-document.js';

/** After this many stored updates the document is written as one snapshot. */
const COMPACT_EVERY_UPDATES = 500;
/**
 * Members' changes are merged into the server's copy this many at a time (or sooner, when
 * someone reads it): one Yjs transaction for many changes costs about what one costs.
 */
const MERGE_EVERY_UPDATES = 64;

/** Origin of changes the server makes itself (a template): everyone receives them. */
export const SERVER_ORIGIN = Symbol('server');
/** Origin of members' changes when they are merged into the server's copy, already stored and sent. */
const MEMBERS_ORIGIN = Symbol('members');

/**
 * One case document held in memory while its room is in use: the Y.Doc, the awareness of
 * who is editing where, and the members who opened it. Every change is stored before it is
 * forwarded or acknowledged.
 *
 * A member's change is checked, stored and forwarded first, and merged into the server's
 * copy later (`unmerged`), many at a time: the others see it without waiting for the
 * server's own bookkeeping. Whoever reads the document (`doc`) gets it with every accepted
 * change merged.
 */
export class LiveDocument {
  private readonly current = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.current);
  /** Members' changes accepted (and being stored and sent) but not yet merged into `current`. */
  private unmerged: Uint8Array[] = [];
  private mergeScheduled = false;
  private readonly readers = new Set<DraftingMember>();
  /** The awareness client ids each member speaks for, removed when they leave. */
  private readonly awarenessClients = new Map<DraftingMember, Set<number>>();
  private pendingWrites: Promise<void>[] = [];
  /**
   * The write of the latest change: writes settle in the order they were made, so once it
   * has, every earlier one has too (a failed one is answered to its sender, as this one's is).
   */
  private lastWrite: Promise<void> = Promise.resolve();
  private lastSequence = 0;
  private updatesSinceSnapshot = 0;

  /** Everyone who has the document open, as one group to send to. */
  private readonly group: string;

  private constructor(
    readonly caseId: string,
    readonly name: DraftDocument,
    private readonly store: Store,
    private readonly sendToGroup: SendToGroup,
    private readonly logger: Logger,
  ) {
    this.group = `${caseId}/${name}`;
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(caseId: string, name: DraftDocument, store: Store, sendToGroup: SendToGroup, logger: Logger): Promise<LiveDocument> {
    const live = new LiveDocument(caseId, name, store, sendToGroup, logger);
    const stored = await store.loadDocument(caseId, name);
    live.unmerged = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    live.merge();
    live.lastSequence = stored.lastSequence;
    live.updatesSinceSnapshot = stored.updates.length;
    return live;
  }

  /** The document, with every change accepted so far. */
  get doc(): Y.Doc {
    this.merge();
    return this.current;
  }

  get isOpenToAnyone(): boolean {
    return this.readers.size > 0;
  }

  /**
   * Reads one y-protocols sync message from a member and returns the messages to answer
   * with. Step 1 opens the document for the member: the answer is step 2 (what they lack)
   * and the server's own step 1 (so they send what the server lacks). Step 2 and update
   * messages are changes, refused with `refusal` (when there is one) unless they change nothing.
   */
  async receiveSync(member: DraftingMember, message: Uint8Array, refusal: AppError | null): Promise<Uint8Array[]> {
    const { type, payload } = readSyncMessage(message);
    switch (type) {
      case syncProtocol.messageYjsSyncStep1:
        return this.open(member, payload);
      case syncProtocol.messageYjsSyncStep2:
        await this.applyChange(member, payload, refusal, true);
        return [];
      case syncProtocol.messageYjsUpdate:
        await this.applyChange(member, payload, refusal, false);
        return [];
      default:
        throw new AppError(ErrorCode.draftUpdateInvalid, `Unknown sync message type ${type}.`);
    }
  }

  /** A member's update message sent without acknowledgement (`draft:push`): a change, as above. */
  async receivePush(member: DraftingMember, message: Uint8Array, refusal: AppError | null): Promise<void> {
    const { type, payload } = readSyncMessage(message);
    if (type !== syncProtocol.messageYjsUpdate) throw new AppError(ErrorCode.draftUpdateInvalid, 'A push carries an update message only.');
    await this.applyChange(member, payload, refusal, false);
  }

  receiveAwareness(member: DraftingMember, update: Uint8Array): void {
    checkAwarenessUpdate(update, member.name);
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, member);
    } catch {
      throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a y-protocols awareness update.');
    }
  }

  /** Applies a change made by the server (origin SERVER_ORIGIN), stores it and sends it to everyone. */
  async change(edit: (doc: Y.Doc) => void): Promise<void> {
    const doc = this.doc;
    const collect = (update: Uint8Array) => this.storeAndSend(update, null);
    doc.on('update', collect);
    try {
      doc.transact(() => edit(doc), SERVER_ORIGIN);
    } finally {
      doc.off('update', collect);
    }
    await this.flushWrites();
  }

  /** The member left the room: they get nothing more, and their carets disappear for the others. */
  leave(member: DraftingMember): void {
    if (this.readers.delete(member)) member.leaveGroup(this.group);
    const clients = this.awarenessClients.get(member);
    this.awarenessClients.delete(member);
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], SERVER_ORIGIN);
  }

  /** Writes the document as one snapshot and frees it. */
  async release(): Promise<void> {
    await this.flushWrites();
    if (this.updatesSinceSnapshot > 0) await this.compact();
    this.awareness.destroy();
    this.current.destroy();
  }

  private open(member: DraftingMember, stateVector: Uint8Array): Uint8Array[] {
    let step2: Uint8Array;
    try {
      step2 = syncMessage((e) => syncProtocol.writeSyncStep2(e, this.doc, stateVector));
    } catch {
      throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a Yjs state vector.');
    }
    this.readers.add(member);
    member.joinGroup(this.group);
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      const update = toBase64(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states));
      queueMicrotask(() => member.emit(ServerEvent.draftAwareness, { document: this.name, update }));
    }
    return [step2, syncMessage((e) => syncProtocol.writeSyncStep1(e, this.doc))];
  }

  /**
   * A change from a member: refused (when there is a refusal) unless it changes nothing,
   * otherwise stored, forwarded and acknowledged. A reply to step 1, sent on every
   * (re)connection, usually holds little or nothing new and is compared with the document
   * (a read-only participant's always is); a member's update message, sent as they type,
   * is only checked to be a Yjs update and need not wait for the server's copy.
   */
  private async applyChange(member: DraftingMember, update: Uint8Array, refusal: AppError | null, isReply: boolean): Promise<void> {
    if (isEmptyUpdate(update)) {
      // Nothing to store or send: answered once every change received before it is stored,
      // or with the failure of the latest.
      await this.lastWrite;
      return;
    }
    try {
      if (refusal || isReply) {
        if (!updateChangesDocument(this.doc, update)) return;
      } else {
        Y.decodeUpdate(update);
      }
    } catch {
      throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a Yjs update.');
    }
    if (refusal) throw refusal;
    // Nothing outside the editors' schema, and nothing the server's copy could not integrate, is stored or forwarded.
    checkUpdateContent(this.doc, this.name, update);
    // In the server's copy from now on for anyone who reads it, though merged later with others.
    this.unmerged.push(update);
    this.storeAndSend(update, member);
    this.scheduleMerge();
    await this.flushWrites();
  }

  /** Stores a change, then forwards it to everyone who has the document open but its author. */
  private storeAndSend(update: Uint8Array, author: DraftingMember | null): void {
    const written = this.store.appendDocumentUpdate(this.caseId, this.name, update).then((sequence) => {
      this.lastSequence = sequence;
      const message = toBase64(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
      this.sendToGroup(this.group, this.readerOrNull(author), ServerEvent.draftSync, { document: this.name, message });
      if (++this.updatesSinceSnapshot >= COMPACT_EVERY_UPDATES) return this.compact();
    });
    this.pendingWrites.push(written);
    this.lastWrite = written;
  }

  private scheduleMerge(): void {
    if (this.mergeScheduled || this.unmerged.length < MERGE_EVERY_UPDATES) return;
    this.mergeScheduled = true;
    // After the turn's changes are stored and sent: the store commits in a setImmediate
    // queued by the append just before this one, or earlier in the turn.
    setImmediate(() => {
      this.mergeScheduled = false;
      this.merge();
    });
  }

  /** Merges the accepted changes into the server's copy, in one transaction. */
  private merge(): void {
    if (this.unmerged.length === 0) return;
    const updates = this.unmerged;
    this.unmerged = [];
    this.current.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(this.current, update, MEMBERS_ORIGIN);
        } catch (error) {
          this.logger.error({ err: error, case: this.caseId, document: this.name }, 'an update does not apply; skipped');
        }
      }
    }, MEMBERS_ORIGIN);
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (typeof origin === 'object' && origin !== null) {
      const member = origin as DraftingMember;
      const clients = this.awarenessClients.get(member) ?? new Set<number>();
      for (const id of [...added, ...updated]) clients.add(id);
      for (const id of removed) clients.delete(id);
      this.awarenessClients.set(member, clients);
    }
    const update = toBase64(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.sendToGroup(this.group, this.readerOrNull(origin), ServerEvent.draftAwareness, { document: this.name, update });
  };

  /** The member a change came from, who is not sent it back; null for the server's own changes. */
  private readerOrNull(origin: unknown): DraftingMember | null {
    return this.readers.has(origin as DraftingMember) ? (origin as DraftingMember) : null;
  }

  private async flushWrites(): Promise<void> {
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    await Promise.all(writes);
  }

  private async compact(): Promise<void> {
    this.updatesSinceSnapshot = 0;
    await this.store.compactDocument(this.caseId, this.name, Y.encodeStateAsUpdate(this.doc), this.lastSequence);
  }
}

function readSyncMessage(message: Uint8Array): { type: number; payload: Uint8Array } {
  try {
    const decoder = decoding.createDecoder(message);
    return { type: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) };
  } catch {
    throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a y-protocols sync message.');
  }
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
