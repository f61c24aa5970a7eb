import { ClientEvent } from '@mediation/shared';
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
  [ClientEvent.leave]: ({ room, participant, disconnectAfterAck }) => {
    room.leave(participant);
    disconnectAfterAck();
    return {};
  },
};
