import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ErrorCode, isEmptyUpdate, ServerEvent, toBase64, type DraftDocument } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { DocumentStore } from '../store/document-store.js';
import { AwarenessOwners } from './awareness-owners.js';
import type { DraftingMember, SendToGroup } from './drafting-member.js';
import { checkUpdateContent } from './check-update-content.js';
import { updateChangesDocument } from './update-changes-document.js';

/** After this many stored updates the document is written as one snapshot. */
const COMPACT_EVERY_UPDATES = 500;

/** Origin of changes the server makes itself (a template): everyone receives them. */
export const SERVER_ORIGIN = Symbol('server');

/** Why a member may not read (or change) the document at this moment, or null; asked when their message is applied. */
export type Refusal = () => AppError | null;

const NO_REFUSAL: Refusal = () => null;

/**
 * One case document held in memory while its room is in use: the Y.Doc, the awareness of
 * who is editing where, and the members who opened it.
 *
 * A change is checked and applied to the server's copy at once, in the turn it arrives,
 * then stored, and forwarded only once stored. So the server's copy holds every change
 * accepted so far (whoever reads it, a freeze, a saved version, sees them all), a change
 * that cannot be integrated is refused before it is stored or sent, and the copy equals
 * the result of the updates stored. Should a store write fail, the copy holds a change the
 * store lacks: it is `broken` and its owner loads the document again from the store.
 */
export class LiveDocument {
  private readonly current = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.current);
  private readonly awarenessOwners = new AwarenessOwners();
  private readonly readers = new Set<DraftingMember>();
  /**
   * The write of the latest change: writes settle in the order they were made, so once it
   * has, every earlier one has too (a failed one is answered to its sender, as this one's is).
   */
  private lastWrite: Promise<void> = Promise.resolve();
  private lastSequence = 0;
  private updatesSinceSnapshot = 0;
  /** The copy may differ from the store: refuse everything, and load the document again. */
  broken = false;

  /** Everyone who has the document open, as one group to send to. */
  private readonly group: string;

  private constructor(
    readonly caseId: string,
    readonly name: DraftDocument,
    private readonly store: DocumentStore,
    private readonly sendToGroup: SendToGroup,
    private readonly logger: Logger,
    private readonly onBroken: (document: LiveDocument) => void,
  ) {
    this.group = `${caseId}/${name}`;
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(
    caseId: string,
    name: DraftDocument,
    store: DocumentStore,
    sendToGroup: SendToGroup,
    logger: Logger,
    onBroken: (document: LiveDocument) => void = () => undefined,
  ): Promise<LiveDocument> {
    const live = new LiveDocument(caseId, name, store, sendToGroup, logger, onBroken);
    const stored = await store.loadDocument(caseId, name);
    live.current.transact(() => {
      if (stored.snapshot) Y.applyUpdate(live.current, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(live.current, update);
    }, SERVER_ORIGIN);
    live.lastSequence = stored.lastSequence;
    live.updatesSinceSnapshot = stored.updates.length;
    return live;
  }

  /** The document, with every change accepted so far. */
  get doc(): Y.Doc {
    return this.current;
  }

  get isOpenToAnyone(): boolean {
    return this.readers.size > 0;
  }

  /** Settles once every change accepted so far is stored; fails with the latest write's failure. */
  settled(): Promise<void> {
    return this.lastWrite;
  }

  /**
   * Reads one y-protocols sync message from a member and returns the messages to answer
   * with. Step 1 opens the document for the member: the answer is step 2 (what they lack)
   * and the server's own step 1 (so they send what the server lacks). Step 2 and update
   * messages are changes, refused when `refusal` gives a reason unless they change nothing;
   * opening is refused when `readRefusal` gives one.
   */
  async receiveSync(member: DraftingMember, message: Uint8Array, refusal: Refusal, readRefusal: Refusal = NO_REFUSAL): Promise<Uint8Array[]> {
    const { type, payload } = readSyncMessage(message);
    switch (type) {
      case syncProtocol.messageYjsSyncStep1:
        return this.open(member, payload, readRefusal);
      case syncProtocol.messageYjsSyncStep2:
        await this.applyChange(member, payload, refusal);
        return [];
      case syncProtocol.messageYjsUpdate:
        await this.applyChange(member, payload, refusal);
        return [];
      default:
        throw new AppError(ErrorCode.draftUpdateInvalid, `Unknown sync message type ${type}.`);
    }
  }

  /** A member's update message sent without acknowledgement (`draft:push`): a change, as above. */
  async receivePush(member: DraftingMember, message: Uint8Array, refusal: Refusal): Promise<void> {
    const { type, payload } = readSyncMessage(message);
    if (type !== syncProtocol.messageYjsUpdate) throw new AppError(ErrorCode.draftUpdateInvalid, 'A push carries an update message only.');
    await this.applyChange(member, payload, refusal);
  }

  /** A member's caret or selection: only for awareness client ids that are theirs (AwarenessOwners), from someone who may read. */
  receiveAwareness(member: DraftingMember, update: Uint8Array, readRefusal: Refusal = NO_REFUSAL): void {
    const refused = readRefusal();
    if (refused) throw refused;
    this.awarenessOwners.admit(member, update, this.awareness.getStates().size);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, member);
  }

  /**
   * Applies a change made by the server (origin SERVER_ORIGIN) and sends it to everyone once
   * `write` has stored it (in one transaction with whatever it records beside it).
   */
  async changeByServer(edit: (doc: Y.Doc) => void, write: (update: Uint8Array) => Promise<number>): Promise<void> {
    this.refuseIfBroken();
    // Member changes accepted before this one are stored before it.
    await this.settled().catch(() => undefined);
    let update: Uint8Array | null = null;
    const collect = (made: Uint8Array) => (update = made);
    this.current.on('update', collect);
    try {
      this.current.transact(() => edit(this.current), SERVER_ORIGIN);
    } finally {
      this.current.off('update', collect);
    }
    if (update === null) return;
    await this.storeAndSend(update, null, write);
  }

  /** The member left the room: they get nothing more, and their carets disappear for the others. */
  leave(member: DraftingMember): void {
    if (this.readers.delete(member)) member.leaveGroup(this.group);
    const clients = this.awarenessOwners.release(member);
    if (clients.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, clients, SERVER_ORIGIN);
    // y-protocols keeps each client's clock after its state is gone; nothing will use these again.
    for (const client of clients) this.awareness.meta.delete(client);
  }

  /** Lets go of every reader `mayStay` refuses, as if they had left: nothing more reaches them. */
  keepReaders(mayStay: (member: DraftingMember) => boolean): void {
    for (const member of [...this.readers]) if (!mayStay(member)) this.leave(member);
  }

  /** Writes the document as one snapshot (unless its copy is broken) and frees it. */
  async release(): Promise<void> {
    await this.settled().catch(() => undefined);
    if (!this.broken && this.updatesSinceSnapshot > 0) await this.compact();
    this.awareness.destroy();
    this.current.destroy();
  }

  private open(member: DraftingMember, stateVector: Uint8Array, readRefusal: Refusal): Uint8Array[] {
    this.refuseIfBroken();
    const refused = readRefusal();
    if (refused) throw refused;
    let step2: Uint8Array;
    try {
      step2 = syncMessage((e) => syncProtocol.writeSyncStep2(e, this.current, stateVector));
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
    return [step2, syncMessage((e) => syncProtocol.writeSyncStep1(e, this.current))];
  }

  /**
   * A change from a member: refused (when `refusal` gives a reason now) unless it changes
   * nothing; refused if it does not integrate; otherwise applied, stored, forwarded and
   * acknowledged. Everything up to the store write happens in this turn, so the reason to
   * refuse is asked exactly when the change enters the server's copy.
   */
  private async applyChange(member: DraftingMember, update: Uint8Array, refusal: Refusal): Promise<void> {
    if (isEmptyUpdate(update)) {
      // Nothing to store or send: answered once every change received before it is stored,
      // or with the failure of the latest.
      await this.lastWrite;
      return;
    }
    this.refuseIfBroken();
    let changes: boolean;
    try {
      changes = updateChangesDocument(this.current, update);
    } catch {
      throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a Yjs update.');
    }
    // A read-only member's reply to step 1 carries their whole delete set and changes nothing.
    if (!changes) return;
    const refused = refusal();
    if (refused) throw refused;
    // Nothing outside the editors' schema, and nothing the server's copy could not integrate, is stored or forwarded.
    checkUpdateContent(this.current, this.name, update);
    this.integrate(update, member);
    await this.storeAndSend(update, member, (made) => this.store.appendDocumentUpdate(this.caseId, this.name, made));
  }

  /** Applies a member's update to the server's copy, or refuses it if it does not fully integrate. */
  private integrate(update: Uint8Array, member: DraftingMember): void {
    const pendingBefore = this.current.store.pendingStructs !== null || this.current.store.pendingDs !== null;
    let failure: unknown = null;
    try {
      Y.applyUpdate(this.current, update, member);
    } catch (error) {
      failure = error;
    }
    const pendingNow = this.current.store.pendingStructs !== null || this.current.store.pendingDs !== null;
    if (failure === null && (pendingBefore || !pendingNow)) return;
    // Part of it may be in the copy already: nothing of it is stored, so load the document again.
    this.logger.warn({ err: failure, case: this.caseId, document: this.name }, 'an update did not integrate; refused');
    this.markBroken();
    throw new AppError(ErrorCode.draftUpdateInvalid, 'The change does not fit the document; it was not saved.');
  }

  /** Stores a change, then forwards it to everyone who has the document open but its author. */
  private storeAndSend(update: Uint8Array, author: DraftingMember | null, write: (update: Uint8Array) => Promise<number>): Promise<void> {
    const written = write(update).then(
      (sequence) => {
        this.lastSequence = Math.max(this.lastSequence, sequence);
        const message = toBase64(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
        this.sendToGroup(this.group, this.readerOrNull(author), ServerEvent.draftSync, { document: this.name, message });
        if (++this.updatesSinceSnapshot >= COMPACT_EVERY_UPDATES) return this.compact();
      },
      (error: unknown) => {
        // The copy holds a change the store lacks.
        this.markBroken();
        throw error;
      },
    );
    this.lastWrite = written;
    return written;
  }

  private markBroken(): void {
    if (this.broken) return;
    this.broken = true;
    this.onBroken(this);
  }

  private refuseIfBroken(): void {
    if (this.broken) throw new AppError(ErrorCode.internal, 'The document is being loaded again; send your changes once more.');
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const update = toBase64(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.sendToGroup(this.group, this.readerOrNull(origin), ServerEvent.draftAwareness, { document: this.name, update });
  };

  /** The member a change came from, who is not sent it back; null for the server's own changes. */
  private readerOrNull(origin: unknown): DraftingMember | null {
    return this.readers.has(origin as DraftingMember) ? (origin as DraftingMember) : null;
  }

  /**
   * The copy holds every accepted change, some perhaps not stored yet: the snapshot may
   * contain updates numbered after `lastSequence`, which are then applied twice on the next
   * load, and Yjs ignores what it already has.
   */
  private async compact(): Promise<void> {
    this.updatesSinceSnapshot = 0;
    await this.store.compactDocument(this.caseId, this.name, Y.encodeStateAsUpdate(this.current), this.lastSequence);
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
