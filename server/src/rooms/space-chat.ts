import { randomUUID } from 'node:crypto';
import { CHAT_HISTORY_LENGTH, ParticipantAction, ServerEvent, type ChatMessage } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { authorizeParticipant } from '../policy/policy.js';
import type { Room } from './room.js';

/**
 * A chat message to the people of the sender's space (the main room or their caucus):
 * stored with the case first, then delivered to that space alone.
 */
export async function sendChat(room: Room, drafting: CaseDrafting, member: DraftingMember, text: string): Promise<ChatMessage> {
  authorizeParticipant(member.role, ParticipantAction.chat);
  const message: ChatMessage = {
    id: randomUUID(),
    space: room.spaceOf(member.participantId),
    participantId: member.participantId,
    name: member.name,
    role: member.role,
    text,
    at: new Date().toISOString(),
  };
  await drafting.store.appendChat(drafting.caseId, message);
  for (const participant of room.participants.values()) {
    if (participant.welcomed && participant.id !== member.participantId && room.spaceOf(participant.id) === message.space) {
      participant.sink.emit(ServerEvent.chatMessage, message);
    }
  }
  return message;
}

/** The latest messages of the asker's own space. */
export async function listChat(room: Room, drafting: CaseDrafting, member: DraftingMember): Promise<ChatMessage[]> {
  return drafting.store.listChat(drafting.caseId, room.spaceOf(member.participantId), CHAT_HISTORY_LENGTH);
}
