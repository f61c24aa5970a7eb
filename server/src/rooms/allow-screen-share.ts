import { ErrorCode, ParticipantAction } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant, authorizeScreenSharePermit } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { Room } from './room.js';
import type { ScreenSharePermits } from './screen-share-permits.js';

/**
 * The mediator lets a person share their screen (`allowed`), who then may start a share
 * themselves; or withdraws it, which ends a share of theirs at once.
 */
export async function allowScreenShare(
  permits: ScreenSharePermits,
  room: Room,
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { participantId: string; allowed: boolean },
): Promise<void> {
  // Whether the caller may decide at all comes first: who is in the case is not for everyone to probe.
  authorizeParticipant(member.role, ParticipantAction.allowScreenShare);
  const target = (await drafting.participants()).find((p) => p.id === request.participantId && p.revokedAt === null);
  if (!target) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
  authorizeScreenSharePermit(member.role, target);
  const changed = request.allowed ? permits.allow(target.id) : permits.withdraw(target.id);
  if (!changed) return;
  room.setScreenShareAllowed(target.id, request.allowed);
  const data = { participantId: target.id, name: target.displayName };
  await recordRoomEvent(drafting, member, request.allowed ? { type: 'participant.screen-share-allowed', data } : { type: 'participant.screen-share-withdrawn', data });
}
