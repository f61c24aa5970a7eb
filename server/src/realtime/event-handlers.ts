import { ClientEvent, type ClientEventName, type ClientEventResults, type ClientPayloads } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import type { Participant } from '../rooms/participant.js';
import type { Room } from '../rooms/room.js';
import type { AgreementIssuing } from '../signing/issue-agreement.js';
import { draftingHandlers } from './drafting-handlers.js';
import { signingHandlers } from './signing-handlers.js';

/** Where the caller stands: their room and their place in it. */
export interface RoomContext {
  room: Room;
  participant: Participant;
}

/** What a media event's handler gets. */
export interface MediaContext extends RoomContext {
  /** Ends this socket's connection after the acknowledgement is sent. */
  disconnectAfterAck: () => void;
}

/** What every other handler gets besides: the case's documents and the caller as their member. */
export interface HandlerContext extends RoomContext {
  drafting: CaseDrafting;
  member: DraftingMember;
  issuing: AgreementIssuing;
}

type MediaEvent =
  | typeof ClientEvent.connectTransport
  | typeof ClientEvent.produce
  | typeof ClientEvent.setProducerPaused
  | typeof ClientEvent.closeProducer
  | typeof ClientEvent.ready
  | typeof ClientEvent.resumeConsumers
  | typeof ClientEvent.leave;

/** The events about the case's documents and their signing. */
export type DocumentEvent = Exclude<ClientEventName, MediaEvent>;

type Result<E extends ClientEventName> = Promise<ClientEventResults[E]> | ClientEventResults[E];

export type Handler<E extends DocumentEvent> = (context: HandlerContext, payload: ClientPayloads[E]) => Result<E>;

export type HandlerMap = { [E in DocumentEvent]: Handler<E> };

/**
 * The room's media events need nothing of the case's documents, so they are served as soon
 * as the participant is welcomed, without waiting for the documents to be opened.
 */
export const mediaHandlers: { [E in MediaEvent]: (context: MediaContext, payload: ClientPayloads[E]) => Result<E> } = {
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

/** One handler per document event; with the media handlers, the compiler reports a missing one. */
export const documentHandlers: HandlerMap = {
  ...draftingHandlers,
  ...signingHandlers,
};
