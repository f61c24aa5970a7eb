/** Modest capture: several phones share a room, often on mobile networks. */
export function cameraConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    width: { ideal: 640 },
    height: { ideal: 360 },
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
