import { cameraConstraints, microphoneConstraints } from './media-constraints';
import { mediaProblemOf, type MediaProblem } from './media-problem';

export interface CaptureRequest {
  microphone: boolean;
  camera: boolean;
  microphoneId: string | null;
  cameraId: string | null;
}

export interface CaptureResult {
  tracks: MediaStreamTrack[];
  microphoneProblem: MediaProblem | null;
  cameraProblem: MediaProblem | null;
}

/**
 * Opens the camera and microphone asked for. When both together fail because one is missing
 * or busy, each is tried alone so that the other one still works.
 */
export async function captureMedia(request: CaptureRequest): Promise<CaptureResult> {
  if (!request.microphone && !request.camera) return { tracks: [], microphoneProblem: null, cameraProblem: null };
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraintsFor(request, request.microphone, request.camera));
    return { tracks: stream.getTracks(), microphoneProblem: null, cameraProblem: null };
  } catch (error) {
    const problem = mediaProblemOf(error);
    // A refusal covers both devices; asking again one by one would only prompt again.
    const tryEachAlone = request.microphone && request.camera && problem !== 'denied' && problem !== 'insecure';
    if (!tryEachAlone) {
      return {
        tracks: [],
        microphoneProblem: request.microphone ? problem : null,
        cameraProblem: request.camera ? problem : null,
      };
    }
    const microphone = await captureOne(constraintsFor(request, true, false));
    const camera = await captureOne(constraintsFor(request, false, true));
    return {
      tracks: [...microphone.tracks, ...camera.tracks],
      microphoneProblem: microphone.problem,
      cameraProblem: camera.problem,
    };
  }
}

async function captureOne(constraints: MediaStreamConstraints): Promise<{ tracks: MediaStreamTrack[]; problem: MediaProblem | null }> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    return { tracks: stream.getTracks(), problem: null };
  } catch (error) {
    return { tracks: [], problem: mediaProblemOf(error) };
  }
}

function constraintsFor(request: CaptureRequest, microphone: boolean, camera: boolean): MediaStreamConstraints {
  return {
    audio: microphone ? microphoneConstraints(request.microphoneId) : false,
    video: camera ? cameraConstraints(request.cameraId) : false,
  };
}
