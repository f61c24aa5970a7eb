import type { MediaSource } from '@mediation/shared';

/** The sources a participant sends from the device check's stream. */
export type LocalSource = Extract<MediaSource, 'microphone' | 'camera'>;

/** The participant's own tracks and whether each is paused (muted microphone, stopped camera). */
export interface LocalMedia {
  tracks: Partial<Record<LocalSource, MediaStreamTrack>>;
  paused: Record<LocalSource, boolean>;
}

export function localMediaFrom(stream: MediaStream): LocalMedia {
  return {
    tracks: { microphone: stream.getAudioTracks()[0], camera: stream.getVideoTracks()[0] },
    paused: { microphone: false, camera: false },
  };
}

export const LOCAL_SOURCES: readonly LocalSource[] = ['microphone', 'camera'];
