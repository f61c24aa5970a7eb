import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { AgreementField, NOTES_FIELD, toBase64 } from '@mediation/shared';
import { mutateBytes } from './mutate-bytes.js';
import type { Prng } from './prng.js';
import { randomString } from './random-values.js';

/**
 * A real Yjs update made with yjs: a few edits of the shapes the case documents use (rich
 * text fragments, the agreement's header map and clause array), by a client id of the
 * generator's choosing.
 */
export function yjsUpdate(prng: Prng, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = prng.chance(0.1) ? prng.pick([0, 1, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 53 - 1]) : prng.between(1, 2 ** 31 - 1);
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  const edits = prng.size(6) + 1;
  for (let i = 0; i < edits; i++) editOnce(prng, doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  return prng.chance(0.15) ? Y.mergeUpdates([update, typeConfusedUpdate(prng)]) : update;
}

/**
 * Text typed into a root that the case documents use as another type (a fragment, a map,
 * an array): a Yjs update does not say a root's type, so only the reader finds out.
 */
function typeConfusedUpdate(prng: Prng): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = prng.between(1, 2 ** 31 - 1);
  const root = prng.pick([NOTES_FIELD, AgreementField.header, AgreementField.clauses, AgreementField.parties, AgreementField.dispute]);
  if (prng.chance(0.5)) doc.getText(root).insert(0, randomString(prng, 40));
  else doc.getMap(root).set('id', randomString(prng, 20));
  return Y.encodeStateAsUpdate(doc);
}

function editOnce(prng: Prng, doc: Y.Doc): void {
  switch (prng.int(6)) {
    case 0: {
      const fragment = doc.getXmlFragment(prng.pick([NOTES_FIELD, AgreementField.dispute, AgreementField.performance]));
      const paragraph = new Y.XmlElement(prng.pick(['paragraph', 'heading', 'bulletList', 'x-unknown']));
      paragraph.insert(0, [new Y.XmlText(randomString(prng, 40))]);
      fragment.insert(prng.int(fragment.length + 1), [paragraph]);
      return;
    }
    case 1:
      doc.getMap(AgreementField.header).set(prng.pick(['title', 'caseNumber', 'language', 'category', 'x']), randomString(prng, 40));
      return;
    case 2: {
      const clause = new Y.Map<unknown>();
      clause.set('id', randomString(prng, 20));
      clause.set('body', new Y.XmlFragment());
      doc.getArray(AgreementField.clauses).push([clause]);
      return;
    }
    case 3: {
      const fragment = doc.getXmlFragment(NOTES_FIELD);
      if (fragment.length > 0) fragment.delete(0, prng.between(1, fragment.length));
      return;
    }
    case 4:
      doc.getArray(AgreementField.parties).push([prng.chance(0.5) ? randomString(prng, 20) : new Y.Map()]);
      return;
    default:
      doc.getText('text').insert(0, randomString(prng, 200));
  }
}

/** A Yjs update mutated past what yjs would write. */
export function mutatedYjsUpdate(prng: Prng): Uint8Array {
  const update = yjsUpdate(prng);
  if (prng.chance(0.2)) return Y.mergeUpdates([update, yjsUpdate(prng)]);
  return mutateBytes(prng, update, yjsUpdate(prng));
}

export const SYNC_STEP_1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP_2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** A y-protocols sync message of `type` (0 step 1, 1 step 2, 2 update) around `update`, in base64. */
export function syncMessage(prng: Prng, update: Uint8Array, type: number): string {
  return toBase64(syncMessageBytes(prng, update, type));
}

export function syncMessageBytes(prng: Prng, update: Uint8Array, type: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (type === SYNC_STEP_1) {
    // A state vector: of the update when it is one yjs reads, else the bytes themselves.
    let stateVector: Uint8Array;
    try {
      stateVector = prng.chance(0.5) ? Y.encodeStateVectorFromUpdate(update) : update;
    } catch {
      stateVector = update;
    }
    encoding.writeVarUint8Array(encoder, stateVector);
  } else {
    encoding.writeVarUint8Array(encoder, update);
  }
  return encoding.toUint8Array(encoder);
}
