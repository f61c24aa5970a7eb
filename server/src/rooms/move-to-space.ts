import { ErrorCode, MAIN_SPACE, ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { recordRoomEvent, roomEventEntry } from './record-room-event.js';
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
  const event = {
    type: 'caucus.moved',
    data: { participantId: person.id, name: person.displayName, space: request.space === MAIN_SPACE ? 'main' : request.space },
  } as const;
  // Moved into a caucus, the person is one of its members: they read its notes from now on.
  if (request.space === MAIN_SPACE) await recordRoomEvent(drafting, member, event);
  else await drafting.caucuses.addMember(request.space, person.id, roomEventEntry(drafting, member, event));
  await room.rearrange([person.id]);
}
