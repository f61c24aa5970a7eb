import { ClientEvent, type ClientEventName, type ClientEventResults, type ClientPayloads } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import type { Participant } from '../rooms/participant.js';
import type { Room } from '../rooms/room.js';
import type { AgreementIssuing } from '../signing/issue-agreement.js';
import { draftingHandlers } from './drafting-handlers.js';
import { signingHandlers } from './signing-handlers.js';

/** What a media event's handler gets: the caller's place in the room. */
export interface MediaContext {
  room: Room;
  participant: Participant;
  /** Ends this socket's connection after the acknowledgement is sent. */
  disconnectAfterAck: () => void;
}

/** What every other handler gets besides: the case's documents and the caller as their member. */
export interface HandlerContext extends MediaContext {
  drafting: CaseDrafting;
  member: DraftingMember;
  issuing: AgreementIssuing;
}

export type Handler<E extends ClientEventName> = (
  context: HandlerContext,
  payload: ClientPayloads[E],
) => Promise<ClientEventResults[E]> | ClientEventResults[E];

export type HandlerMap = { [E in ClientEventName]: Handler<E> };

type MediaEvent =
  | typeof ClientEvent.connectTransport
  | typeof ClientEvent.produce
  | typeof ClientEvent.setProducerPaused
  | typeof ClientEvent.closeProducer
  | typeof ClientEvent.ready
  | typeof ClientEvent.resumeConsumers
  | typeof ClientEvent.leave;

/**
 * The room's media events need nothing of the case's documents, so they are served as soon
 * as the participant is welcomed, without waiting for the documents to be opened.
 */
const mediaHandlers: { [E in MediaEvent]: (context: MediaContext, payload: ClientPayloads[E]) => ReturnType<Handler<E>> } = {
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
  [ClientEvent.leave]: ({ room, participant, disconnectAfterAck }) => {
    room.leave(participant);
    disconnectAfterAck();
    return {};
  },
};

export function isMediaEvent(event: ClientEventName): event is MediaEvent {
  return Object.hasOwn(mediaHandlers, event);
}

/** One handler per client event; the compiler reports a missing one. */
export const eventHandlers: HandlerMap = {
  ...mediaHandlers,
  ...draftingHandlers,
  ...signingHandlers,
};
