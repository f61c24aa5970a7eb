import type { Editor } from '@tiptap/vue-3';
import { inject, provide, shallowRef, type InjectionKey, type ShallowRef } from 'vue';

const ACTIVE_EDITOR: InjectionKey<ShallowRef<Editor | null>> = Symbol('active editor');

/**
 * One document's toolbar acts on whichever of its editors was focused last (the agreement
 * has one editor per part and per clause). The document provides the slot; its editors fill it.
 */
export function provideActiveEditor(): ShallowRef<Editor | null> {
  const active = shallowRef<Editor | null>(null);
  provide(ACTIVE_EDITOR, active);
  return active;
}

/** The slot of the enclosing document, or null outside one. */
export function useActiveEditor(): ShallowRef<Editor | null> | null {
  return inject(ACTIVE_EDITOR, null);
}
