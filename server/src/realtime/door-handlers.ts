import { ClientEvent } from '@mediation/shared';
import { admitFromLobby, turnAwayFromLobby } from '../rooms/admit-from-lobby.js';
import { endSession } from '../rooms/end-session.js';
import { removeParticipant } from '../rooms/remove-participant.js';
import { setRoomLocked } from '../rooms/set-room-locked.js';
import type { DocumentHandlerMap } from './handler-context.js';

type DoorEvent =
  | typeof ClientEvent.admit
  | typeof ClientEvent.turnAway
  | typeof ClientEvent.setLocked
  | typeof ClientEvent.removeParticipant
  | typeof ClientEvent.endSession;

/** Who comes in and who stays: the mediator's, and written to the case's audit log. */
export const doorHandlers: Pick<DocumentHandlerMap, DoorEvent> = {
  [ClientEvent.admit]: async ({ door, drafting, member }, { participantId }) => {
    await admitFromLobby(door, drafting, member, participantId);
    return {};
  },
  [ClientEvent.turnAway]: async ({ door, drafting, member }, { participantId }) => {
    await turnAwayFromLobby(door, drafting, member, participantId);
    return {};
  },
  [ClientEvent.setLocked]: async ({ door, drafting, member }, { locked }) => {
    await setRoomLocked(door, drafting, member, locked);
    return {};
  },
  [ClientEvent.removeParticipant]: async ({ door, room, drafting, member }, { participantId }) => {
    await removeParticipant(door, room, drafting, member, participantId);
    return {};
  },
  [ClientEvent.endSession]: async ({ door, room, drafting, member, disconnectAfterAck }) => {
    await endSession(door, room, drafting, member);
    disconnectAfterAck();
    return {};
  },
};
