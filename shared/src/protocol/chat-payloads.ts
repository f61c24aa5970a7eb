import { z } from 'zod';
import type { Role } from '../domain/roles.js';
import { stripBidiControls } from '../text/bidi-controls.js';

/** A chat message is for what is hard to say aloud, not for documents: at most this many characters. */
export const MAX_CHAT_MESSAGE_LENGTH = 2000;
/** How many of a space's latest messages a person is given on coming in. */
export const CHAT_HISTORY_LENGTH = 200;

export const SendChatRequest = z
  .object({ text: z.string().max(MAX_CHAT_MESSAGE_LENGTH * 2).transform(stripBidiControls).pipe(z.string().trim().min(1).max(MAX_CHAT_MESSAGE_LENGTH)) })
  .strict();
export const ListChatRequest = z.object({}).strict();

/** One message of a space's chat: seen only by the people of that space. */
export interface ChatMessage {
  id: string;
  space: string;
  participantId: string;
  name: string;
  role: Role;
  text: string;
  at: string;
}
