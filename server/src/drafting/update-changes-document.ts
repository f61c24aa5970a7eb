import * as Y from 'yjs';

/**
 * Whether applying `update` would change `doc`: it holds content the document lacks, or
 * deletes something not yet deleted. A read-only participant's reply to sync step 1 carries
 * their whole delete set, which changes nothing and is accepted; anything else is refused.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
  if (structs.some((struct) => struct.id.clock + struct.length > (stateVector.get(struct.id.client) ?? 0))) return true;

  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    const known = deleted.clients.get(client) ?? [];
    for (const range of ranges) {
      const covered = known.some((k) => k.clock <= range.clock && range.clock + range.len <= k.clock + k.len);
      if (!covered) return true;
    }
  }
  return false;
}
