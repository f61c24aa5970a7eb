import type Database from 'better-sqlite3';
import type { ChatMessage } from '@mediation/shared';
import type { ChatStore } from '../chat-store.js';

type Row = Record<string, unknown>;

const toMessage = (r: Row): ChatMessage => ({
  id: r.id as string,
  space: r.space as string,
  participantId: r.participant_id as string,
  name: r.name as string,
  role: r.role as ChatMessage['role'],
  text: r.text as string,
  at: r.at as string,
});

export function sqliteChat(db: Database.Database): ChatStore {
  const insert = db.prepare(
    `INSERT INTO chat_messages (id, case_id, space, participant_id, name, role, text, at)
     VALUES (@id, @caseId, @space, @participantId, @name, @role, @text, @at)`,
  );
  const newest = db.prepare(
    `SELECT * FROM (SELECT rowid AS n, * FROM chat_messages WHERE case_id = ? AND space = ? ORDER BY rowid DESC LIMIT ?) ORDER BY n`,
  );
  return {
    appendChat: async (caseId, message) => {
      insert.run({ ...message, caseId });
    },
    listChat: async (caseId, space, limit) => (newest.all(caseId, space, limit) as Row[]).map(toMessage),
  };
}
