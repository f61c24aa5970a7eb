import { z } from 'zod';

/** What the mediator can hold back: a person's microphone or camera. */
export const HeldSource = z.enum(['microphone', 'camera']);
export type HeldSource = z.infer<typeof HeldSource>;

const participantId = z.string().min(1).max(64);

/** Mediator: mute someone's microphone or stop their camera; they cannot resume it until allowed. */
export const MuteParticipantRequest = z.object({ participantId, source: HeldSource }).strict();
/** Mediator: let someone unmute (or start their camera) again; they do it themselves. */
export const AllowUnmuteRequest = z.object({ participantId, source: HeldSource }).strict();
/** A person the mediator muted asks to unmute. */
export const AskToUnmuteRequest = z.object({ source: HeldSource }).strict();

/** To the person: the mediator muted (`held`) or allowed again (`!held`) one of their sources. */
export interface HeldByMediatorPush {
  source: HeldSource;
  held: boolean;
}

/** To the mediator: someone asks to unmute. */
export interface UnmuteAskedPush {
  participantId: string;
  name: string;
  source: HeldSource;
}
