import type { ConnectionQuality } from '@mediation/shared';

/**
 * mediasoup scores each RTP stream from 0 to 10 by its packet loss and retransmissions (10:
 * nothing lost). From 8 a call looks and sounds right; from 5 down pictures freeze and
 * words drop out.
 */
export const GOOD_SCORE = 8;
export const FAIR_SCORE = 5;

/**
 * A person's connection quality from the scores of the streams they send and receive, the
 * worst one deciding; `shortOfLayers` when a picture they receive is on a lower simulcast
 * layer than their tile asks for (the media server found too little bandwidth for it).
 */
export function qualityOfScores(scores: readonly number[], shortOfLayers = false): ConnectionQuality {
  if (scores.length === 0) return shortOfLayers ? 'fair' : 'unknown';
  const worst = Math.min(...scores);
  if (worst < FAIR_SCORE) return 'poor';
  if (worst < GOOD_SCORE || shortOfLayers) return 'fair';
  return 'good';
}
