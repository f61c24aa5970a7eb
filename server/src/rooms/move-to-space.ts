import { ErrorCode, MAIN_SPACE, ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { RoomSpaces } from './room-spaces.js';
import type { Room } from './room.js';

/** The mediator puts a person, or themselves, in the main room or a caucus. */
export async function moveToSpace(
  spaces: RoomSpaces,
  room: Room,
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { participantId: string; space: string },
): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.runCaucus);
  const person = (await drafting.participants()).find((p) => p.id === request.participantId && p.revokedAt === null);
  if (!person) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
  if (!spaces.has(request.space)) throw new AppError(ErrorCode.notFound, 'No such private session.');
  if (spaces.spaceOf(person.id) === request.space) return;
  spaces.move(person.id, request.space);
  await recordRoomEvent(drafting, member, {
    type: 'caucus.moved',
    data: { participantId: person.id, name: person.displayName, space: request.space === MAIN_SPACE ? 'main' : request.space },
  });
  await room.rearrange([person.id]);
}
