import { ClientEvent, type ClientEventName, type ClientEventResults, type ClientPayloads } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import type { Participant } from '../rooms/participant.js';
import type { Room } from '../rooms/room.js';
import type { AgreementIssuing } from '../signing/issue-agreement.js';
import { draftingHandlers } from './drafting-handlers.js';
import { signingHandlers } from './signing-handlers.js';

export interface HandlerContext {
  room: Room;
  participant: Participant;
  drafting: CaseDrafting;
  member: DraftingMember;
  issuing: AgreementIssuing;
  /** Ends this socket's connection after the acknowledgement is sent. */
  disconnectAfterAck: () => void;
}

export type Handler<E extends ClientEventName> = (
  context: HandlerContext,
  payload: ClientPayloads[E],
) => Promise<ClientEventResults[E]> | ClientEventResults[E];

export type HandlerMap = { [E in ClientEventName]: Handler<E> };

/** One handler per client event; the compiler reports a missing one. */
export const eventHandlers: HandlerMap = {
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
  ...draftingHandlers,
  ...signingHandlers,
};
