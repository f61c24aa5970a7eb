import { z } from 'zod';
import type { ConnectionQuality } from '../domain/connection-quality.js';
import { SIMULCAST_LAYERS } from './message-limits.js';

/**
 * What a viewer receives and how well the call goes: the simulcast layer of each picture,
 * audio only, and each person's connection quality (PROTOCOL.md, "Call quality").
 */

/** The viewer's choice of one camera's layer: 0 the smallest picture, SIMULCAST_LAYERS - 1 the largest. */
export const PreferLayersRequest = z
  .object({
    consumerId: z.string().min(1).max(64),
    spatialLayer: z.number().int().min(0).max(SIMULCAST_LAYERS - 1),
  })
  .strict();

/** Receive sound alone (no video bytes reach this viewer), or pictures again. */
export const SetAudioOnlyRequest = z.object({ audioOnly: z.boolean() }).strict();

/** Why the viewer receives sound alone: they chose it, or their downlink was too slow for video. */
export type AudioOnlyReason = 'chosen' | 'low-bandwidth';

/** To the viewer: whether they receive sound alone now, and why. */
export interface AudioOnlyPush {
  audioOnly: boolean;
  reason: AudioOnlyReason;
}

/** The connection quality of people of the receiver's own space, as the media server scores it. */
export interface ConnectionQualityPush {
  qualities: { participantId: string; quality: ConnectionQuality }[];
}
