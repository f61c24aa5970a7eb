import { ErrorCode, ParticipantAction, type OpenCaucusResult } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { roomEventEntry } from './record-room-event.js';
import type { RoomSpaces } from './room-spaces.js';
import type { Room } from './room.js';

/**
 * The mediator takes some of the people into a private session (the mediator too, unless
 * staying in the main room): from then on they and the rest neither see nor hear each other.
 */
export async function openCaucus(
  spaces: RoomSpaces,
  room: Room,
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { participantIds: string[]; name: string; stayInMain: boolean },
): Promise<OpenCaucusResult> {
  authorizeParticipant(member.role, ParticipantAction.runCaucus);
  const people = (await drafting.participants()).filter((p) => p.revokedAt === null);
  const chosen = [...new Set(request.participantIds)].map((id) => people.find((p) => p.id === id));
  if (chosen.some((p) => p === undefined || p.id === member.participantId)) {
    throw new AppError(ErrorCode.notFound, 'Choose people of this case other than yourself.');
  }
  const memberIds = [...chosen.map((p) => p!.id), ...(request.stayInMain ? [] : [member.participantId])];
  const caucus = spaces.open(request.name, memberIds);
  const at = new Date().toISOString();
  // Kept with the case: who may read the caucus's notes, now and once it has closed.
  await drafting.caucuses.open(
    { id: caucus.id, caseId: drafting.caseId, name: caucus.name, memberIds: caucus.memberIds, openedAt: at, closedAt: null },
    roomEventEntry(drafting, member, {
      type: 'caucus.opened',
      data: { caucusId: caucus.id, name: caucus.name, participants: chosen.map((p) => ({ participantId: p!.id, name: p!.displayName })) },
    }, at),
  );
  await room.rearrange(memberIds);
  return { caucusId: caucus.id };
}
