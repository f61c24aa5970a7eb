import type { types } from 'mediasoup';

/**
 * A browser ignores a key frame request that comes within this long of its previous one
 * (libwebrtc's minimum key frame send interval), and mediasoup, holding such a request as
 * pending, asks again only a second later: a picture resumed in that window starts a second late.
 */
export const MIN_KEY_FRAME_INTERVAL_MS = 300;
/** A little more than the browser's interval, so the request lands after it. */
const PACE_MS = MIN_KEY_FRAME_INTERVAL_MS + 20;
/** A request this close behind the last is still pending in mediasoup: the key frame it brings serves both. */
const SHARED_REQUEST_MS = 50;

/** When a key frame of each producer was last asked of its sender (a picture resumed, a viewer's PLI or FIR). */
const lastAsked = new Map<string, number>();

/**
 * Follows every key frame request mediasoup sends to a camera's or screen's sender, whoever
 * it is for (a viewer's decoder asks too), so that pacing knows of them all.
 */
export function followKeyFrameRequests(producer: types.Producer): void {
  if (producer.kind !== 'video') return;
  producer.on('trace', (trace) => {
    if (trace.direction === 'out' && (trace.type === 'pli' || trace.type === 'fir')) {
      forgetPast(Date.now());
      lastAsked.set(producer.id, Math.max(lastAsked.get(producer.id) ?? 0, Date.now()));
    }
  });
  producer.observer.once('close', () => lastAsked.delete(producer.id));
  producer.enableTraceEvent(['pli', 'fir']).catch(() => undefined);
}

/**
 * Waits, if needed, until a request for a key frame of `producerId` will be honoured, and
 * records it as asked: resuming a picture asks its sender for one. Pictures resumed at once
 * (several viewers together) share the sender's one key frame and do not wait for each other.
 */
export async function paceKeyFrames(producerId: string): Promise<void> {
  const now = Date.now();
  forgetPast(now);
  const previous = lastAsked.get(producerId);
  if (previous === undefined) {
    lastAsked.set(producerId, now);
    return;
  }
  // Another picture waits for its turn already: this one goes with it, at its time.
  if (previous > now) return sleep(previous - now);
  if (now - previous < SHARED_REQUEST_MS) return;
  lastAsked.set(producerId, previous + PACE_MS);
  await sleep(previous + PACE_MS - now);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Requests past the interval no longer hold anything back. */
function forgetPast(now: number): void {
  for (const [id, at] of lastAsked) if (now - at > PACE_MS) lastAsked.delete(id);
}
