import { SIMULCAST_LAYERS } from '@mediation/shared';
import type { types as mediasoupTypes } from 'mediasoup-client';
import { CAMERA_CAPTURE_WIDTH } from './media-constraints';

/**
 * Each layer's ceiling at 15 fps: 240x135 stays watchable on a weak mobile downlink, 480x270
 * fills a phone's tile, 960x540 a desktop's. The sender's browser drops the upper layers
 * when its own uplink cannot carry them.
 */
export const SMALL_LAYER_MAX_BITRATE = 150_000;
export const MEDIUM_LAYER_MAX_BITRATE = 350_000;
export const LARGE_LAYER_MAX_BITRATE = 800_000;

/**
 * The camera's simulcast layers, smallest first (their index is the `spatialLayer` a viewer
 * asks for). Three temporal layers in each let the media server also lower a layer's frame
 * rate before it drops to a smaller picture.
 */
export const CAMERA_ENCODINGS: mediasoupTypes.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: SMALL_LAYER_MAX_BITRATE, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: MEDIUM_LAYER_MAX_BITRATE, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: LARGE_LAYER_MAX_BITRATE, scalabilityMode: 'L1T3' },
];
if (CAMERA_ENCODINGS.length !== SIMULCAST_LAYERS) throw new Error('the camera must send SIMULCAST_LAYERS layers');

/** How wide each layer's picture is, smallest first. */
export const LAYER_WIDTHS = CAMERA_ENCODINGS.map((encoding) => CAMERA_CAPTURE_WIDTH / (encoding.scaleResolutionDownBy ?? 1));

/**
 * The layer that fits a tile: the smallest at least as wide as the tile in CSS pixels, or the
 * largest. CSS pixels, not device pixels: on a phone's dense screen a sharper picture would
 * take bandwidth that keeps the call smooth.
 */
export function layerForTileWidth(cssWidth: number): number {
  const fitting = LAYER_WIDTHS.findIndex((width) => width >= cssWidth);
  return fitting === -1 ? LAYER_WIDTHS.length - 1 : fitting;
}
