import { ErrorCode, ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { authorizeParticipant } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { RoomDoor } from './room-door.js';
import type { Room } from './room.js';

export const SESSION_ENDED = { code: ErrorCode.sessionEnded, message: 'The mediator ended the session.' } as const;

/**
 * Ends the session for everyone: whoever waits is sent away, everyone else is told and
 * disconnected, and the next session starts with an open, empty lobby. The caller's own
 * connection is left to close after their answer.
 */
export async function endSession(door: RoomDoor, room: Room, drafting: CaseDrafting, member: DraftingMember): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.endSession);
  await recordRoomEvent(drafting, member, { type: 'session.ended', data: {} });
  door.end(SESSION_ENDED);
  // Every caucus is over with the session; their notes stay with the case.
  await drafting.caucuses.closeAll(new Date().toISOString());
  for (const participant of [...room.participants.values()]) {
    if (participant.identity.id !== member.participantId) participant.sink.disconnect(SESSION_ENDED);
  }
}
