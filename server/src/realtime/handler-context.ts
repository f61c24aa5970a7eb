import type { ClientEventResults, ClientPayloads } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import type { Participant } from '../rooms/participant.js';
import type { RoomDoor } from '../rooms/room-door.js';
import type { Room } from '../rooms/room.js';
import type { AgreementIssuing } from '../signing/issue-agreement.js';
import type { DocumentEvent, MediaEvent } from './event-kinds.js';

/** Where the caller stands: their room and their place in it. */
export interface RoomContext {
  room: Room;
  participant: Participant;
  /** Who may come into the room: its lobby, its lock. */
  door: RoomDoor;
  /** Ends this socket's connection after the acknowledgement is sent. */
  disconnectAfterAck: () => void;
}

/** What a media event's handler gets. */
export type MediaContext = RoomContext;

/** What a document event's handler gets besides: the case's documents and the caller as their member. */
export interface HandlerContext extends RoomContext {
  drafting: CaseDrafting;
  member: DraftingMember;
  issuing: AgreementIssuing;
}

type Result<E extends keyof ClientEventResults> = Promise<ClientEventResults[E]> | ClientEventResults[E];

export type MediaHandlerMap = { [E in MediaEvent]: (context: MediaContext, payload: ClientPayloads[E]) => Result<E> };

export type DocumentHandlerMap = { [E in DocumentEvent]: (context: HandlerContext, payload: ClientPayloads[E]) => Result<E> };
