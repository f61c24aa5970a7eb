import { ClientErrorCode } from '../errors/client-error-codes';
import { CodedError } from '../errors/coded-error';

/**
 * Documents and photos hold still: a few frames a second keep a scrolled page readable and
 * leave the uplink to the cameras.
 */
export const SCREEN_MAX_FRAME_RATE = 10;

/** Whether this browser can share a screen at all: phone browsers have no getDisplayMedia. */
export function screenCaptureSupported(): boolean {
  return typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/**
 * Asks the browser for a screen, window or tab to share: its video track, marked as detail
 * (text) so the encoder keeps it sharp rather than smooth; null when the person cancels the
 * browser's picker. Call it straight from a click: the browser asks for a user gesture.
 */
export async function captureScreen(): Promise<MediaStreamTrack | null> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: SCREEN_MAX_FRAME_RATE } }, audio: false });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotAllowedError') return null;
    throw new CodedError(ClientErrorCode.screenCaptureFailed, `getDisplayMedia: ${String(error)}`);
  }
  const track = stream.getVideoTracks()[0];
  if (!track) throw new CodedError(ClientErrorCode.screenCaptureFailed, 'getDisplayMedia gave no video track');
  track.contentHint = 'detail';
  return track;
}
