import { z } from 'zod';
import type { Role } from '../domain/roles.js';
import type { ConnectionQuality } from '../domain/connection-quality.js';

const participantId = z.string().min(1).max(64);

export const AdmitRequest = z.object({ participantId }).strict();
export const TurnAwayRequest = z.object({ participantId }).strict();
export const SetLockedRequest = z.object({ locked: z.boolean() }).strict();
export const RemoveParticipantRequest = z.object({ participantId }).strict();
export const EndSessionRequest = z.object({}).strict();

/** What a person's devices were when they asked to come in: told in the handshake, shown to the mediator. */
export const LobbyDevices = z.object({ camera: z.boolean(), microphone: z.boolean() }).strict();
export type LobbyDevices = z.infer<typeof LobbyDevices>;

export interface LobbyEntry {
  participantId: string;
  name: string;
  role: Role;
  /** When they started waiting (ISO 8601). */
  since: string;
  /** Null when their page did not say. */
  devices: LobbyDevices | null;
  /** How well their connection answers: from the round trip of `lobby:waiting`. */
  quality: ConnectionQuality;
}

/** To the person waiting: whose room it is they wait for. */
export interface LobbyWaitingPayload {
  /** Whether a mediator is in the room now to let them in. */
  mediatorPresent: boolean;
}

export interface LobbyState {
  locked: boolean;
  /** In the order they arrived. */
  waiting: LobbyEntry[];
}
