import type { ConsumerInfo, ConsumersAttached, ErrorBody, ServerToClientEvents } from '@mediation/shared';

/** How a room talks to one connected participant, whatever carries the messages. */
export interface ParticipantSink {
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Offers new consumers; resolves with those the client attached (none if it did not answer). */
  offerConsumers(consumers: ConsumerInfo[]): Promise<ConsumersAttached>;
  /** Ends the participant's connection, telling them why. */
  disconnect(reason: ErrorBody): void;
}
