import { onScopeDispose, ref, shallowRef } from 'vue';
import { captureMedia } from '../media/capture-media';
import type { MediaProblem } from '../media/media-problem';

export type DeviceCheckStatus = 'idle' | 'starting' | 'ready';

/**
 * The camera and microphone check before joining: opens the chosen devices, lists the others,
 * and explains what is wrong. The stream it opens is handed to the room with `takeStream`.
 */
export function useDeviceCheck() {
  const status = ref<DeviceCheckStatus>('idle');
  const stream = shallowRef<MediaStream | null>(null);
  const cameras = shallowRef<MediaDeviceInfo[]>([]);
  const microphones = shallowRef<MediaDeviceInfo[]>([]);
  const cameraId = ref<string | null>(null);
  const microphoneId = ref<string | null>(null);
  const cameraProblem = ref<MediaProblem | null>(null);
  const microphoneProblem = ref<MediaProblem | null>(null);
  // Each start supersedes the ones before it; a late result of an older start is discarded.
  let startGeneration = 0;

  async function start(): Promise<void> {
    const generation = ++startGeneration;
    stop();
    status.value = 'starting';
    try {
      await open(generation);
    } catch (error) {
      // Listing devices failed in a way capture could not classify; the person can still join.
      console.error('device check failed', error);
      if (generation !== startGeneration) return;
      cameraProblem.value = 'unknown';
      microphoneProblem.value = 'unknown';
    }
    if (generation === startGeneration) status.value = 'ready';
  }

  async function open(generation: number): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      cameraProblem.value = 'insecure';
      microphoneProblem.value = 'insecure';
      return;
    }
    const present = await presentKinds();
    const result = await captureMedia({
      microphone: present.microphone,
      camera: present.camera,
      microphoneId: microphoneId.value,
      cameraId: cameraId.value,
    });
    if (generation !== startGeneration) {
      result.tracks.forEach((track) => track.stop());
      return;
    }
    stream.value = new MediaStream(result.tracks);
    microphoneProblem.value = present.microphone ? result.microphoneProblem : 'notFound';
    cameraProblem.value = present.camera ? result.cameraProblem : 'notFound';
    rememberOpenedDevices(result.tracks);
    await refreshDeviceLists();
  }

  /** Before permission browsers list devices without labels: enough to know which kinds exist. */
  async function presentKinds(): Promise<{ microphone: boolean; camera: boolean }> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    // Some browsers hide even the kinds until permission; then ask for both and let capture tell.
    if (devices.length === 0) return { microphone: true, camera: true };
    return {
      microphone: devices.some((device) => device.kind === 'audioinput'),
      camera: devices.some((device) => device.kind === 'videoinput'),
    };
  }

  function rememberOpenedDevices(tracks: MediaStreamTrack[]): void {
    for (const track of tracks) {
      const deviceId = track.getSettings().deviceId ?? null;
      if (track.kind === 'video') cameraId.value = deviceId;
      if (track.kind === 'audio') microphoneId.value = deviceId;
    }
  }

  async function refreshDeviceLists(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    // Entries without an id are the placeholders shown before permission; they cannot be chosen.
    cameras.value = devices.filter((device) => device.kind === 'videoinput' && device.deviceId !== '');
    microphones.value = devices.filter((device) => device.kind === 'audioinput' && device.deviceId !== '');
  }

  function selectCamera(deviceId: string): Promise<void> {
    cameraId.value = deviceId;
    return start();
  }

  function selectMicrophone(deviceId: string): Promise<void> {
    microphoneId.value = deviceId;
    return start();
  }

  /** Gives the open stream to its new owner (the room); the check no longer stops it. */
  function takeStream(): MediaStream {
    const taken = stream.value ?? new MediaStream();
    stream.value = null;
    status.value = 'idle';
    return taken;
  }

  function stop(): void {
    stream.value?.getTracks().forEach((track) => track.stop());
    stream.value = null;
  }

  function onDeviceChange(): void {
    if (status.value === 'ready') void refreshDeviceLists();
  }

  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
  onScopeDispose(() => {
    startGeneration++;
    navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
    stop();
  });

  return {
    status,
    stream,
    cameras,
    microphones,
    cameraId,
    microphoneId,
    cameraProblem,
    microphoneProblem,
    start,
    selectCamera,
    selectMicrophone,
    takeStream,
    stop,
  };
}

export type DeviceCheck = ReturnType<typeof useDeviceCheck>;
