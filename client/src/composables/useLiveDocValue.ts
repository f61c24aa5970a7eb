import { shallowRef, watchEffect, type ShallowRef } from 'vue';
import type * as Y from 'yjs';

/**
 * A value read from whichever Y.Doc `doc()` gives now (a reloaded document is a new one),
 * read again after every change to it; null while there is none.
 */
export function useLiveDocValue<T>(doc: () => Y.Doc | null, read: (doc: Y.Doc) => T): Readonly<ShallowRef<T | null>> {
  const value = shallowRef<T | null>(null);
  watchEffect((onCleanup) => {
    const current = doc();
    if (!current) {
      value.value = null;
      return;
    }
    const onUpdate = (): void => {
      value.value = read(current);
    };
    onUpdate();
    current.on('update', onUpdate);
    onCleanup(() => current.off('update', onUpdate));
  });
  return value;
}
