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
  /** The connection's id, by which a group send leaves it out. */
  connectionId: string;
  /** Puts the member's connection in a group that `SendToGroup` reaches; a dropped connection leaves by itself. */
  joinGroup(group: string): void;
  leaveGroup(group: string): void;
}

/**
 * Sends one message to every connection in a group but `except`'s: encoded once for all of
 * them, however many there are (a Socket.IO room).
 */
export type SendToGroup = <E extends keyof ServerToClientEvents>(
  group: string,
  except: DraftingMember | null,
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;
