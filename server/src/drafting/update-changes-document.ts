import * as Y from 'yjs';

/**
 * Whether applying `update` would change `doc`: it holds content the document lacks, or
 * deletes something not yet deleted. A read-only participant's reply to sync step 1 carries
 * their whole delete set, which changes nothing and is accepted; anything else is refused.
 * Runs on every reply to step 1 (each member sends one on every connection) and on every
 * change from someone who may not edit, so it reads the document's own store rather than
 * encoding its state vector or delete set.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.some((struct) => struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client))) return true;

  for (const [client, ranges] of ds.clients) {
    const known = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (!known || clock + len > Y.getState(doc.store, client)) return true;
      for (let index = Y.findIndexSS(known, clock); index < known.length; index++) {
        const struct = known[index]!;
        if (struct.id.clock >= clock + len) break;
        if (!struct.deleted) return true;
      }
    }
  }
  return false;
}
