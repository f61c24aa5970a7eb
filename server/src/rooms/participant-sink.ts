import type { ErrorBody, ServerToClientEvents } from '@mediation/shared';

/** How a room talks to one connected participant, whatever carries the messages. */
export interface ParticipantSink {
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Ends the participant's connection, telling them why. */
  disconnect(reason: ErrorBody): void;
}
