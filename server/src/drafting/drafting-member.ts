import type { Role, ServerToClientEvents } from '@mediation/shared';

/** A connected participant as drafting sees them: who they are and how to reach them. */
export interface DraftingMember {
  participantId: string;
  name: string;
  role: Role;
  /** Where the connection comes from, for the audit log. */
  ip: string;
  device: string;
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}
