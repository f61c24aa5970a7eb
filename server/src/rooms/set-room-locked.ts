import { ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { authorizeParticipant } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { RoomDoor } from './room-door.js';

/** Locked, nobody new gets in, not even into the lobby; those let in before may come back. */
export async function setRoomLocked(door: RoomDoor, drafting: CaseDrafting, member: DraftingMember, locked: boolean): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.lockRoom);
  if (door.locked === locked) return;
  door.setLocked(locked);
  await recordRoomEvent(drafting, member, { type: 'room.lock-changed', data: { locked } });
}
