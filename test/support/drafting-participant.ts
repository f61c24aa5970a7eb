import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { ClientEvent, EMPTY_UPDATE, NOTES_FIELD, ServerEvent, toBase64, type DraftDocument, type DraftRefusedPush } from '@mediation/shared';
import { DraftProvider } from '../../client/src/drafting/draft-provider.js';
import type { RoomSocket } from '../../client/src/room/room-socket.js';
import { firstParagraphText } from './first-paragraph-text.js';
import { HeadlessParticipant } from './headless-participant.js';
import { tokenOf } from './create-test-case.js';

/** Every server push a socket received, in order: to prove what never arrived. */
export interface ReceivedPush {
  event: string;
  document?: string;
}

/**
 * A participant that drafts without a browser: the real client provider (DraftProvider)
 * over a real Socket.IO connection, one provider per document opened.
 */
export class DraftingParticipant {
  readonly providers = new Map<DraftDocument, DraftProvider>();
  readonly received: ReceivedPush[] = [];
  readonly errors: string[] = [];
  readonly refusals: DraftRefusedPush[] = [];

  private constructor(readonly headless: HeadlessParticipant) {
    headless.socket.on(ServerEvent.draftRefused, (refused) => this.refusals.push(refused));
    headless.socket.onAny((event: string, payload: unknown) => {
      const document = typeof payload === 'object' && payload !== null ? (payload as { document?: string }).document : undefined;
      this.received.push({ event, document });
    });
  }

  static async join(serviceUrl: string, link: { url: string }, roomId: string): Promise<DraftingParticipant> {
    return new DraftingParticipant(await HeadlessParticipant.connect(serviceUrl, { token: tokenOf(link.url), roomId }));
  }

  /** Drafts on a participant already in the room (with their media): what they receive is recorded from now on. */
  static over(headless: HeadlessParticipant): DraftingParticipant {
    return new DraftingParticipant(headless);
  }

  /** Opens a document and waits until it is in step with the server. */
  async open(document: DraftDocument): Promise<DraftProvider> {
    const provider = new DraftProvider(this.headless.socket as unknown as RoomSocket, document);
    provider.on('error', (code) => this.errors.push(code));
    this.providers.set(document, provider);
    await provider.whenSynced();
    return provider;
  }

  doc(document: DraftDocument): Y.Doc {
    const provider = this.providers.get(document);
    if (!provider) throw new Error(`${document} is not open`);
    return provider.doc;
  }

  /** The text of the notes' first paragraph (created on first use). */
  notesText(document: DraftDocument = 'notes'): Y.XmlText {
    return firstParagraphText(this.doc(document));
  }

  /** Sends a raw Yjs update for a document, outside the provider, and returns the acknowledgement. */
  sendUpdate(document: DraftDocument, update: Uint8Array) {
    return this.headless.send(ClientEvent.draftSync, { document, message: updateMessage(update) });
  }

  /** Pushes a raw Yjs update (`draft:push`, not acknowledged); a refusal lands in `refusals`. */
  pushUpdate(document: DraftDocument, update: Uint8Array): void {
    this.headless.socket.emit(ClientEvent.draftPush, { document, message: updateMessage(update) });
  }

  /** Sends the empty update that asks the server to confirm every change before it. */
  confirm(document: DraftDocument) {
    return this.sendUpdate(document, EMPTY_UPDATE);
  }

  close(): void {
    for (const provider of this.providers.values()) provider.destroy();
    this.headless.close();
  }
}

/** An update that inserts `text` at the start of the notes, made on a copy of `doc`. */
export function insertionUpdate(doc: Y.Doc, text: string): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  const fragment = copy.getXmlFragment(NOTES_FIELD);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(copy, before);
}

export function notesPlainText(doc: Y.Doc, document = NOTES_FIELD): string {
  return doc.getXmlFragment(document).toString();
}

function updateMessage(update: Uint8Array): string {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return toBase64(encoding.toUint8Array(encoder));
}
