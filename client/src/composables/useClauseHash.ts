import { clauseHash } from '@mediation/shared';
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import type * as Y from 'yjs';

/** Typing goes on for a while; the hash is worked out once it pauses. */
const RECOMPUTE_DELAY_MS = 250;

/**
 * The current hash of a clause's text, recomputed shortly after the text changes: what
 * the parties' marks are compared with to tell whether they are out of date.
 */
export function useClauseHash(body: Y.XmlFragment): Readonly<ShallowRef<string>> {
  const hash = shallowRef(clauseHash(body));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onChange = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      hash.value = clauseHash(body);
    }, RECOMPUTE_DELAY_MS);
  };
  body.observeDeep(onChange);
  onScopeDispose(() => {
    body.unobserveDeep(onChange);
    if (timer) clearTimeout(timer);
  });
  return hash;
}
