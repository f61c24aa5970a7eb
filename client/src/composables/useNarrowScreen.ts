import { onScopeDispose, ref, type Ref } from 'vue';

/**
 * When the room shows one pane at a time: a phone held upright (the CSS breakpoint of the app),
 * or any screen too short for the video beside the documents, such as a phone held sideways.
 * The room's stylesheets repeat this query.
 */
export const NARROW_SCREEN_QUERY = '(max-width: 40rem), (max-height: 31.25rem) and (orientation: landscape)';

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
