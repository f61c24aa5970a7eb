import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { DraftDocument, NOTES_FIELD } from '@mediation/shared';
import { fakeDraftingMember } from '../support/fake-drafting-member.js';
import { DraftingRegistry } from '../../server/src/drafting/drafting-registry.js';
import { createLogger } from '../../server/src/logging/logger.js';
import type { Store } from '../../server/src/store/store.js';
import { CallHolds } from '../support/hold-calls.js';
import { storeWithCase, TEST_CASE_ID } from '../support/store-with-case.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


/** A notes change as an update message: a paragraph holding `text`. */
function paragraphMessage(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(NOTES_FIELD).insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

/** Lets everything already queued on the event loop run: a few turns, no clock involved. */
async function turns(count = 10): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the cases being drafted', () => {
  it('load a case again only once its last copy has stored every change, so a change in flight when everyone left is in the next copy', async () => {
    const { store, remove } = await storeWithCase();
    cleanups.push(remove, () => store.close());
    const holds = new CallHolds<Store>(store);
    const registry = new DraftingRegistry(holds.target, () => undefined, createLogger('silent'));
    const leaving = fakeDraftingMember('leaving');

    const first = await registry.attach(TEST_CASE_ID, leaving);
    const notes = await first.loadDocument(DraftDocument.notes);
    const write = holds.next('appendDocumentUpdate');
    const pushed = notes.receivePush(leaving, paragraphMessage('in flight'), () => null);
    const held = await write;
    const released = registry.detach(first, leaving);

    const order: string[] = [];
    const next = registry.attach(TEST_CASE_ID, fakeDraftingMember('back')).then((drafting) => {
      order.push('attached');
      return drafting;
    });
    await turns();
    order.push('write stored');
    await held.release();
    await Promise.all([pushed, released]);

    const again = await (await next).loadDocument(DraftDocument.notes);
    expect(order).toEqual(['write stored', 'attached']);
    expect(again.doc.getXmlFragment(NOTES_FIELD).toString()).toContain('in flight');
    await registry.releaseAll();
  });
});
