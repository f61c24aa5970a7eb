import { ServerEvent, type AudioOnlyReason } from '@mediation/shared';
import type { types } from 'mediasoup';
import { mediaCall } from './media-call.js';
import { paceKeyFrames } from './pace-key-frames.js';
import type { ConsumerAppData, Participant } from './participant.js';

/**
 * A viewer receives sound alone (`audioOnly`), or pictures again: every video consumer they
 * attached is paused on the server, so no video byte is sent to them, or resumed. They are
 * told, with the reason (their choice, or a downlink too slow for video).
 */
export async function setAudioOnly(participant: Participant, audioOnly: boolean, reason: AudioOnlyReason): Promise<void> {
  participant.audioOnly = audioOnly ? reason : null;
  if (!audioOnly) participant.downlink.reset();
  const pictures = [...participant.consumers.values()].filter(
    (consumer) => consumer.kind === 'video' && participant.attachedConsumerIds.has(consumer.id),
  );
  await Promise.all(pictures.map((consumer) => mediaCall(() => (audioOnly ? consumer.pause() : consumer.resume()))));
  participant.sink.emit(ServerEvent.audioOnly, { audioOnly, reason });
}

/**
 * Resumes a consumer the client attached, but a picture while the viewer receives sound
 * alone: that one waits, paused, for the switch back.
 */
export async function resumeAttached(participant: Participant, consumer: types.Consumer<ConsumerAppData>): Promise<void> {
  participant.attachedConsumerIds.add(consumer.id);
  // Resuming a picture asks its sender for a key frame: not so soon after another that it is ignored.
  if (consumer.kind === 'video' && !participant.audioOnly) await paceKeyFrames(consumer.producerId);
  // Read after the wait: the viewer may have chosen sound alone meanwhile, or the picture closed.
  if ((participant.audioOnly && consumer.kind === 'video') || consumer.closed) return;
  await consumer.resume();
}
