/**
 * Below this downlink (bits per second, as the media server's bandwidth estimate of a viewer's
 * receive transport has it) not even one camera's smallest layer (SMALL_LAYER_MAX_BITRATE,
 * 150 kbps, watchable from about 100) fits beside the sound: pictures freeze and the
 * sound suffers with them, so the viewer is better served with sound alone.
 */
export const AUDIO_ONLY_BELOW_BITRATE = 100_000;

/**
 * How long the downlink stays below AUDIO_ONLY_BELOW_BITRATE before video stops: a dip the
 * estimate recovers from within seconds (a lift, a handover between cells) leaves the
 * pictures alone.
 */
export const AUDIO_ONLY_AFTER_MS = 8_000;

/** One sample of the media server's bandwidth estimate ('bwe' trace) of a receive transport. */
export interface BandwidthSample {
  /** What the viewer's consumers would take at the layers they prefer. */
  desiredBitrate: number;
  /** What the estimate says reaches the viewer. */
  availableBitrate: number;
}

/**
 * Decides when a viewer's downlink is too slow for video: it stayed below the threshold for
 * the hold time while video was wanted. With nothing but sound wanted (every camera stopped,
 * or audio only already) the estimate has no reason to grow, so it says nothing then.
 */
export class LowBandwidthWatch {
  private lowSince: number | null = null;

  /** Whether, with this sample at `now` (ms), the downlink has been too slow for the hold time. */
  tooSlowForVideo(sample: BandwidthSample, now: number): boolean {
    const wantsVideo = sample.desiredBitrate >= AUDIO_ONLY_BELOW_BITRATE;
    if (!wantsVideo || sample.availableBitrate >= AUDIO_ONLY_BELOW_BITRATE) {
      this.lowSince = null;
      return false;
    }
    this.lowSince ??= now;
    return now - this.lowSince >= AUDIO_ONLY_AFTER_MS;
  }

  /** Starts the hold time afresh: the person turned video back on by hand. */
  reset(): void {
    this.lowSince = null;
  }
}
