import { z } from 'zod';

/**
 * The live documents of a case. Each is one Y.Doc, synchronised with y-protocols'
 * sync and awareness messages over the room's Socket.IO connection.
 */
export const DraftDocument = {
  /** Shared case notes: facts, positions, what was said. */
  notes: 'notes',
  /** The settlement agreement: header, dispute, numbered clauses, performance terms. */
  agreement: 'agreement',
  /** The mediator's own notes; never sent to anyone else. */
  privateNotes: 'private-notes',
} as const;
export type DraftDocument = (typeof DraftDocument)[keyof typeof DraftDocument];

export const DraftDocumentName = z.enum([DraftDocument.notes, DraftDocument.agreement, DraftDocument.privateNotes]);

/** The rich-text field of the notes documents (a Y.XmlFragment bound to the editor). */
export const NOTES_FIELD = 'notes';
