import { ErrorCode, ParticipantAction, ServerEvent, roleMay, type HeldSource } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeHold, authorizeParticipant } from '../policy/policy.js';
import { recordRoomEvent } from './record-room-event.js';
import type { HeldSources } from './held-sources.js';
import type { Room } from './room.js';

async function targetOf(drafting: CaseDrafting, participantId: string) {
  const target = (await drafting.participants()).find((p) => p.id === participantId && p.revokedAt === null);
  if (!target) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
  return target;
}

/**
 * The mediator mutes a person's microphone or stops their camera (`held`), who cannot
 * resume it until allowed; or allows it again (`!held`), and they resume it themselves.
 */
export async function holdMedia(
  heldSources: HeldSources,
  room: Room,
  drafting: CaseDrafting,
  member: DraftingMember,
  request: { participantId: string; source: HeldSource },
  held: boolean,
): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.holdMedia);
  const target = await targetOf(drafting, request.participantId);
  authorizeHold(member.role, target);
  const changed = held ? heldSources.hold(target.id, request.source) : heldSources.release(target.id, request.source);
  if (!changed) return;
  await room.setHeld(target.id, request.source, held);
  const data = { participantId: target.id, name: target.displayName, source: request.source };
  await recordRoomEvent(drafting, member, held ? { type: 'participant.muted', data } : { type: 'participant.unmute-allowed', data });
}

/** A muted person asks to unmute: whoever runs the room is told. CONFLICT when nothing of theirs is muted. */
export function askToUnmute(held: HeldSources, room: Room, member: DraftingMember, source: HeldSource): void {
  if (!held.isHeld(member.participantId, source)) throw new AppError(ErrorCode.conflict, 'Nothing of yours is muted by the mediator.');
  for (const p of room.participants.values()) {
    if (p.welcomed && roleMay(p.identity.role, ParticipantAction.holdMedia)) {
      p.sink.emit(ServerEvent.unmuteAsked, { participantId: member.participantId, name: member.name, source });
    }
  }
}
