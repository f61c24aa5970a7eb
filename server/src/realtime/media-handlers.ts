import { ClientEvent, ParticipantAction } from '@mediation/shared';
import { authorizeParticipant } from '../policy/policy.js';
import { setAudioOnly } from '../rooms/audio-only.js';
import { preferLayers } from '../rooms/prefer-layers.js';
import type { MediaHandlerMap } from './handler-context.js';

/**
 * The room's media events need nothing of the case's documents, so they are served as soon
 * as the participant is welcomed, without waiting for the documents to be opened.
 */
export const mediaHandlers: MediaHandlerMap = {
  [ClientEvent.connectTransport]: async ({ room, participant }, payload) => {
    await room.connectTransport(participant, payload);
    return {};
  },
  [ClientEvent.produce]: async ({ room, participant }, payload) => ({
    producerId: await room.produce(participant, payload),
  }),
  [ClientEvent.setProducerPaused]: async ({ room, participant }, payload) => {
    await room.setProducerPaused(participant, payload);
    return {};
  },
  [ClientEvent.closeProducer]: ({ room, participant }, payload) => {
    room.closeProducer(participant, payload);
    return {};
  },
  [ClientEvent.ready]: async ({ room, participant }, payload) => ({
    consumers: await room.ready(participant, payload),
  }),
  [ClientEvent.resumeConsumers]: async ({ room, participant }, payload) => {
    await room.resumeConsumers(participant, payload);
    return {};
  },
  [ClientEvent.restartIce]: async ({ room, participant }, { transportId }) => ({
    iceParameters: await room.restartIce(participant, transportId),
  }),
  // Asked again once in (a retry whose first answer was lost): nothing more to do.
  [ClientEvent.enter]: () => ({}),
  [ClientEvent.preferLayers]: async ({ participant }, payload) => {
    await preferLayers(participant, payload);
    return {};
  },
  [ClientEvent.setAudioOnly]: async ({ participant }, { audioOnly }) => {
    authorizeParticipant(participant.identity.role, ParticipantAction.adjustReception);
    await setAudioOnly(participant, audioOnly, 'chosen');
    return {};
  },
  [ClientEvent.leave]: ({ room, participant, disconnectAfterAck }) => {
    room.leave(participant);
    disconnectAfterAck();
    return {};
  },
};
