/**
 * The Yjs update that holds nothing: no structs, no deletions. Sent in a `draft:sync`, it
 * changes nothing and asks the server to confirm every change sent before it (DRAFTING.md).
 */
export const EMPTY_UPDATE: Uint8Array = new Uint8Array([0, 0]);

export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
