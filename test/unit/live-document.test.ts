import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { DraftDocument, NOTES_FIELD } from '@mediation/shared';
import type { DraftingMember, SendToGroup } from '../../server/src/drafting/drafting-member.js';
import { fakeDraftingMember } from '../support/fake-drafting-member.js';
import { firstParagraphText } from '../support/first-paragraph-text.js';
import { LiveDocument } from '../../server/src/drafting/live-document.js';
import { createLogger } from '../../server/src/logging/logger.js';
import type { Store } from '../../server/src/store/store.js';
import { storeWithCase, TEST_CASE_ID } from '../support/store-with-case.js';

const logger = createLogger('silent');
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function openNotes(store: Store, sent: unknown[] = []): Promise<LiveDocument> {
  const send: SendToGroup = (_group, _except, _event, ...args) => void sent.push(args[0]);
  return LiveDocument.load(TEST_CASE_ID, DraftDocument.notes, store, send, logger);
}

const notesOf = (doc: Y.Doc) => doc.getXmlFragment(NOTES_FIELD).toString();

/** An editor's replica that sends each change to `live` as its update message, and waits for the answer. */
function editor(live: LiveDocument, author: DraftingMember) {
  const doc = new Y.Doc();
  const changes: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === author) changes.push(update);
  });
  return {
    doc,
    async type(index: number, text: string) {
      doc.transact(() => firstParagraphText(doc).insert(index, text), author);
      await live.receiveSync(author, updateMessage(changes.shift()!), () => null);
    },
  };
}

describe('a live document', () => {
  it('holds every accepted change when read, whether or not its batch was merged yet', async () => {
    const { store, remove } = await storeWithCase();
    cleanups.push(remove, () => store.close());
    const sent: unknown[] = [];
    const live = await openNotes(store, sent);
    const [first, second] = [editor(live, fakeDraftingMember('p1')), editor(live, fakeDraftingMember('p2'))];

    // Fewer changes than a merge batch: they reach the server's copy only as it is read.
    await first.type(0, 'abc');
    await second.type(0, 'xyz');
    Y.applyUpdate(second.doc, Y.encodeStateAsUpdate(first.doc));
    Y.applyUpdate(first.doc, Y.encodeStateAsUpdate(second.doc));
    expect(notesOf(live.doc)).toBe(notesOf(first.doc));

    // Past several batches, read only at the end.
    for (let n = 0; n < 150; n++) await first.type(n % 4, String(n % 10));
    expect(notesOf(live.doc)).toBe(notesOf(first.doc));
    expect(sent).toHaveLength(152);

    // What was stored loads as the same document.
    const reloaded = await openNotes(store);
    expect(notesOf(reloaded.doc)).toBe(notesOf(first.doc));
  });

  it('is written as one snapshot on release with every change, merged or not', async () => {
    const { store, remove } = await storeWithCase();
    cleanups.push(remove, () => store.close());
    const live = await openNotes(store);
    const author = editor(live, fakeDraftingMember('p1'));
    for (let n = 0; n < 70; n++) await author.type(0, 'a');
    await live.release();

    const stored = await store.loadDocument(TEST_CASE_ID, DraftDocument.notes);
    expect(stored.updates).toHaveLength(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(notesOf(doc)).toBe(`<paragraph>${'a'.repeat(70)}</paragraph>`);
  });
});
