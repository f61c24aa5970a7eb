import type { ChatMessage } from '@mediation/shared';

/** The text chat of a case's spaces, kept with the case. */
export interface ChatStore {
  /** Stored before anyone receives it. */
  appendChat(caseId: string, message: ChatMessage): Promise<void>;
  /** The newest `limit` messages of one space of the case, oldest first. */
  listChat(caseId: string, space: string, limit: number): Promise<ChatMessage[]>;
}
