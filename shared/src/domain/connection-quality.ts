/**
 * How well a person's connection carries a call, best first; `unknown` until anything has
 * been measured. The lobby shows it from a round trip, the room from the media server's
 * scores and the page's own statistics.
 */
export const CONNECTION_QUALITIES = ['good', 'fair', 'poor', 'unknown'] as const;
export type ConnectionQuality = (typeof CONNECTION_QUALITIES)[number];

/** The worse of two measures; `unknown` gives way to anything measured. */
export function worseQuality(a: ConnectionQuality, b: ConnectionQuality): ConnectionQuality {
  if (a === 'unknown') return b;
  if (b === 'unknown') return a;
  return CONNECTION_QUALITIES.indexOf(a) >= CONNECTION_QUALITIES.indexOf(b) ? a : b;
}
