/**
 * The camera's picture as captured: the largest simulcast layer (simulcast-encodings.ts).
 * Chromium sends all three layers only from 960x540 up (its simulcast table allows two at
 * 640x360); anything larger would cost phones' processors and uplinks for a sharpness no
 * tile of this room shows.
 */
export const CAMERA_CAPTURE_WIDTH = 960;
const CAMERA_CAPTURE_HEIGHT = 540;

/** Modest capture: several phones share a room, often on mobile networks. */
export function cameraConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    width: { ideal: CAMERA_CAPTURE_WIDTH },
    height: { ideal: CAMERA_CAPTURE_HEIGHT },
    frameRate: { ideal: 15 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

export function microphoneConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    echoCancellation: true,
    noiseSuppression: true,
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}
