import { z } from 'zod';
import { MAX_PARTICIPANTS_PER_ROOM } from '../domain/roles.js';
import type { CaucusNotesDocument } from '../drafting/caucus-notes-document.js';
import { signableText } from '../text/signable-text.js';

/** The space everyone is in unless the mediator takes them into a caucus. */
export const MAIN_SPACE = 'main';
/** Private sessions one room holds at once (one per side is the usual pattern). */
export const MAX_CAUCUSES_PER_ROOM = 8;
/** A caucus's name, as the mediator types it. */
export const MAX_CAUCUS_NAME_LENGTH = 60;
/** People taken into one caucus at once: at most everyone but the mediator. */
const MAX_CAUCUS_MEMBERS = MAX_PARTICIPANTS_PER_ROOM - 1;

const participantId = z.string().min(1).max(64);
const space = z.string().min(1).max(64);

/** Mediator: a private session with these people, who are moved into it; the mediator goes too unless `stayInMain`. */
export const OpenCaucusRequest = z
  .object({
    participantIds: z.array(participantId).min(1).max(MAX_CAUCUS_MEMBERS),
    name: signableText(z.string().trim().max(MAX_CAUCUS_NAME_LENGTH)).default(''),
    stayInMain: z.boolean().default(false),
  })
  .strict();
/** Mediator: puts a person (themselves included) in the main room or a caucus. */
export const MoveToSpaceRequest = z.object({ participantId, space }).strict();
/** Mediator: closes a caucus; whoever is in it returns to the main room. */
export const CloseCaucusRequest = z.object({ caucusId: space }).strict();
export const ListCaucusNotesRequest = z.object({}).strict();

export interface Caucus {
  id: string;
  /** As the mediator named it; empty for a numbered private session. */
  name: string;
  memberIds: string[];
}

/** Where everyone is: sent to everyone in the room after the welcome and on every change. */
export interface SpacesState {
  caucuses: Caucus[];
  /** Who is in a caucus; anyone not named here is in the main room. */
  placeOf: Record<string, string>;
}

export interface OpenCaucusResult {
  caucusId: string;
}

/** A caucus the case has held, and its notes document, which outlives it. */
export interface CaucusNotesSummary {
  caucusId: string;
  /** As the mediator named it; empty for a numbered private session. */
  name: string;
  document: CaucusNotesDocument;
  openedAt: string;
  /** Null while the caucus is open; from then on its notes are kept as they were. */
  closedAt: string | null;
}

export interface CaucusNotesList {
  /** Oldest first. */
  caucuses: CaucusNotesSummary[];
}
