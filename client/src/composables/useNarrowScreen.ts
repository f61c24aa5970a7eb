import { onScopeDispose, ref, type Ref } from 'vue';

/** The width below which the room shows one pane at a time (the CSS breakpoint of the app). */
export const NARROW_SCREEN_QUERY = '(max-width: 40rem)';

/** Whether the screen is phone-sized now; follows rotation and window resizing. */
export function useNarrowScreen(): Readonly<Ref<boolean>> {
  const query = window.matchMedia(NARROW_SCREEN_QUERY);
  const narrow = ref(query.matches);
  const onChange = (event: MediaQueryListEvent): void => {
    narrow.value = event.matches;
  };
  query.addEventListener('change', onChange);
  onScopeDispose(() => query.removeEventListener('change', onChange));
  return narrow;
}
