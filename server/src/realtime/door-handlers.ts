import { ClientEvent } from '@mediation/shared';
import { admitFromLobby, turnAwayFromLobby } from '../rooms/admit-from-lobby.js';
import { allowScreenShare } from '../rooms/allow-screen-share.js';
import { closeCaucus } from '../rooms/close-caucus.js';
import { endSession } from '../rooms/end-session.js';
import { listCaucusNotes } from '../rooms/list-caucus-notes.js';
import { askToUnmute, holdMedia } from '../rooms/hold-media.js';
import { moveToSpace } from '../rooms/move-to-space.js';
import { listChat, sendChat } from '../rooms/space-chat.js';
import { openCaucus } from '../rooms/open-caucus.js';
import { removeParticipant } from '../rooms/remove-participant.js';
import { setRoomLocked } from '../rooms/set-room-locked.js';
import type { DocumentHandlerMap } from './handler-context.js';

type DoorEvent =
  | typeof ClientEvent.admit
  | typeof ClientEvent.turnAway
  | typeof ClientEvent.setLocked
  | typeof ClientEvent.removeParticipant
  | typeof ClientEvent.endSession
  | typeof ClientEvent.openCaucus
  | typeof ClientEvent.moveToSpace
  | typeof ClientEvent.closeCaucus
  | typeof ClientEvent.listCaucusNotes
  | typeof ClientEvent.muteParticipant
  | typeof ClientEvent.allowUnmute
  | typeof ClientEvent.askToUnmute
  | typeof ClientEvent.allowScreenShare
  | typeof ClientEvent.sendChat
  | typeof ClientEvent.listChat;

/** Who comes in, who stays and who is in which space: the mediator's, and written to the case's audit log. */
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
  [ClientEvent.openCaucus]: ({ door, room, drafting, member }, request) => openCaucus(door.spaces, room, drafting, member, request),
  [ClientEvent.moveToSpace]: async ({ door, room, drafting, member }, request) => {
    await moveToSpace(door.spaces, room, drafting, member, request);
    return {};
  },
  [ClientEvent.closeCaucus]: async ({ door, room, drafting, member }, { caucusId }) => {
    await closeCaucus(door.spaces, room, drafting, member, caucusId);
    return {};
  },
  [ClientEvent.listCaucusNotes]: ({ drafting, member }) => ({ caucuses: listCaucusNotes(drafting, member) }),
  [ClientEvent.muteParticipant]: async ({ door, room, drafting, member }, request) => {
    await holdMedia(door.held, room, drafting, member, request, true);
    return {};
  },
  [ClientEvent.allowUnmute]: async ({ door, room, drafting, member }, request) => {
    await holdMedia(door.held, room, drafting, member, request, false);
    return {};
  },
  [ClientEvent.askToUnmute]: ({ door, room, member }, { source }) => {
    askToUnmute(door.held, room, member, source);
    return {};
  },
  [ClientEvent.allowScreenShare]: async ({ door, room, drafting, member }, request) => {
    await allowScreenShare(door.screenSharePermits, room, drafting, member, request);
    return {};
  },
  [ClientEvent.sendChat]: ({ room, drafting, member }, { text }) => sendChat(room, drafting, member, text),
  [ClientEvent.listChat]: async ({ room, drafting, member }) => ({ messages: await listChat(room, drafting, member) }),
};
