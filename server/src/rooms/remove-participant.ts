import { ErrorCode, ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant, authorizeRemoval } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { RoomDoor } from './room-door.js';
import type { Room } from './room.js';

const REMOVED = { code: ErrorCode.removed, message: 'The mediator removed you from the room.' } as const;

/**
 * Sends a person out of the room, or out of the lobby, and withdraws their join link, so
 * that it no longer opens the case: their link is refused from then on.
 */
export async function removeParticipant(
  door: RoomDoor,
  room: Room,
  drafting: CaseDrafting,
  member: DraftingMember,
  participantId: string,
): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.removeParticipant);
  const target = (await drafting.participants()).find((p) => p.id === participantId && p.revokedAt === null);
  if (!target) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
  authorizeRemoval(member.role, member.participantId, { id: target.id, role: target.role });
  // The link first: from here on no connection of theirs gets past the handshake.
  await drafting.store.revokeParticipant(target.id, new Date().toISOString());
  door.remove(target.id);
  room.participants.get(target.id)?.sink.disconnect(REMOVED);
  await recordRoomEvent(drafting, member, { type: 'participant.removed', data: { participantId: target.id, name: target.displayName } });
}
