import type { ConnectionQuality } from '@mediation/shared';

/** A waiting page that has not answered in this long is shown with a poor connection. */
export const LOBBY_PING_TIMEOUT_MS = 5_000;
/** Round trips up to these are a good and a fair connection for a video call. */
const GOOD_ROUND_TRIP_MS = 150;
const FAIR_ROUND_TRIP_MS = 400;

/** How the mediator is shown a waiting person's connection, from the round trip of their lobby message. */
export function lobbyQuality(roundTripMs: number): ConnectionQuality {
  if (roundTripMs <= GOOD_ROUND_TRIP_MS) return 'good';
  if (roundTripMs <= FAIR_ROUND_TRIP_MS) return 'fair';
  return 'poor';
}
