import { onScopeDispose, watch, type Ref } from 'vue';
import { layerForTileWidth } from '../media/simulcast-encodings';

/**
 * How long a tile's width must hold before its layer is asked for: a window being dragged
 * or a phone turning passes through many widths, and each ask costs the server a layer switch.
 */
export const TILE_RESIZE_DEBOUNCE_MS = 300;

/**
 * Follows a tile's width and reports the simulcast layer that fits it (`onLayer`), once at
 * first and then whenever the fitting layer changes, after the width has settled.
 */
export function useTileLayer(element: Ref<HTMLElement | null>, onLayer: (spatialLayer: number) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reported: number | null = null;
  const observer = new ResizeObserver((entries) => {
    const width = entries.at(-1)?.contentRect.width ?? 0;
    if (width === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const layer = layerForTileWidth(width);
      if (layer === reported) return;
      reported = layer;
      onLayer(layer);
    }, TILE_RESIZE_DEBOUNCE_MS);
  });
  watch(
    element,
    (current, before) => {
      if (before) observer.unobserve(before);
      if (current) observer.observe(current);
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    clearTimeout(timer);
    observer.disconnect();
  });
}
