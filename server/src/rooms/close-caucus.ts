import { ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { authorizeParticipant } from '../policy/policy.js';
import { roomEventEntry } from './record-room-event.js';
import type { RoomSpaces } from './room-spaces.js';
import type { Room } from './room.js';

/** The mediator closes a private session: whoever was in it is back in the main room. */
export async function closeCaucus(spaces: RoomSpaces, room: Room, drafting: CaseDrafting, member: DraftingMember, caucusId: string): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.runCaucus);
  const moved = spaces.close(caucusId);
  const at = new Date().toISOString();
  // Its notes stay with the case, read-only, for the mediator.
  await drafting.caucuses.close(caucusId, at, roomEventEntry(drafting, member, { type: 'caucus.closed', data: { caucusId } }, at));
  await room.rearrange(moved);
}
