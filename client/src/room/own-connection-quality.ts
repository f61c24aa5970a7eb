import type { ConnectionQuality } from '@mediation/shared';

/**
 * A round trip (seconds) and a share of packets lost up to which a call goes well, and up to
 * which it is still usable: beyond 2 % loss pictures start to smear, beyond 8 % words drop
 * out; beyond 300 ms people talk over each other, beyond 600 ms a conversation stumbles.
 */
export const GOOD_ROUND_TRIP_S = 0.3;
export const FAIR_ROUND_TRIP_S = 0.6;
export const GOOD_LOSS = 0.02;
export const FAIR_LOSS = 0.08;

/** How often the page reads its own transports' statistics. */
export const OWN_STATS_INTERVAL_MS = 2_000;

interface Totals {
  received: number;
  lost: number;
}

/**
 * The page's own view of its connection, from its transports' WebRTC statistics: the round
 * trip of the selected candidate pairs, the loss of what it receives (since the last
 * reading) and the loss the media server reports of what it sends.
 */
export class OwnConnectionQuality {
  private previous: Totals = { received: 0, lost: 0 };

  grade(reports: RTCStatsReport[]): ConnectionQuality {
    /** Negative until a selected pair has measured one. */
    let roundTrip = -1;
    let sentLoss = 0;
    const totals: Totals = { received: 0, lost: 0 };
    for (const report of reports) {
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
          roundTrip = Math.max(roundTrip, stat.currentRoundTripTime);
        }
        if (stat.type === 'inbound-rtp') {
          totals.received += Number(stat.packetsReceived ?? 0);
          totals.lost += Math.max(0, Number(stat.packetsLost ?? 0));
        }
        if (stat.type === 'remote-inbound-rtp' && typeof stat.fractionLost === 'number') sentLoss = Math.max(sentLoss, stat.fractionLost);
      });
    }
    const received = totals.received - this.previous.received;
    const lost = totals.lost - this.previous.lost;
    this.previous = totals;
    const receivedLoss = received + lost > 0 ? Math.max(0, lost) / (received + lost) : 0;
    if (roundTrip < 0) return 'unknown';
    return gradeOf(roundTrip, Math.max(receivedLoss, sentLoss));
  }
}

function gradeOf(roundTripSeconds: number, loss: number): ConnectionQuality {
  if (roundTripSeconds <= GOOD_ROUND_TRIP_S && loss <= GOOD_LOSS) return 'good';
  if (roundTripSeconds <= FAIR_ROUND_TRIP_S && loss <= FAIR_LOSS) return 'fair';
  return 'poor';
}
