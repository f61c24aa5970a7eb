import { ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { authorizeParticipant } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { RoomDoor } from './room-door.js';

/** The mediator lets a waiting person in: their welcome and the case's documents follow on their connection. */
export async function admitFromLobby(door: RoomDoor, drafting: CaseDrafting, member: DraftingMember, participantId: string): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.admitFromLobby);
  const entry = door.admit(participantId);
  await recordRoomEvent(drafting, member, { type: 'lobby.admitted', data: { participantId, name: entry.name } });
}

/** The mediator turns a waiting person away: they are told so, and may ask again with their link. */
export async function turnAwayFromLobby(door: RoomDoor, drafting: CaseDrafting, member: DraftingMember, participantId: string): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.admitFromLobby);
  const entry = door.turnAway(participantId);
  await recordRoomEvent(drafting, member, { type: 'lobby.turned-away', data: { participantId, name: entry.name } });
}
