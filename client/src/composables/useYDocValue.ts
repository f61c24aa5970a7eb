import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, read again after every change to the doc, local or remote.
 * Reads are expected to be cheap (a header, the list of clauses), not whole texts.
 */
export function useYDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): Readonly<ShallowRef<T>> {
  const value = shallowRef(read(doc));
  const onUpdate = (): void => {
    value.value = read(doc);
  };
  doc.on('update', onUpdate);
  onScopeDispose(() => doc.off('update', onUpdate));
  return value;
}
