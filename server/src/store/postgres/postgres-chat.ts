import type pg from 'pg';
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

/** The chat of a case's spaces in PostgreSQL, in the order the messages were written. */
export function postgresChat(pool: pg.Pool): ChatStore {
  return {
    appendChat: async (caseId, message) => {
      await pool.query(
        `INSERT INTO chat_messages (id, case_id, space, participant_id, name, role, text, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [message.id, caseId, message.space, message.participantId, message.name, message.role, message.text, message.at],
      );
    },
    listChat: async (caseId, space, limit) =>
      (
        await pool.query(
          `SELECT * FROM (SELECT * FROM chat_messages WHERE case_id = $1 AND space = $2 ORDER BY rowid DESC LIMIT $3) AS newest ORDER BY rowid`,
          [caseId, space, limit],
        )
      ).rows.map(toMessage),
  };
}
