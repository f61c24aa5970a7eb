import { z } from 'zod';
import { CaucusNotesDocumentName, type CaucusNotesDocument } from './caucus-notes-document.js';

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
/** The documents every case has, one of each. */
export type CaseDocument = (typeof DraftDocument)[keyof typeof DraftDocument];
/** Any live document of a case: one it has once, or the notes of one of its caucuses. */
export type DraftDocument = CaseDocument | CaucusNotesDocument;

export const CASE_DOCUMENTS: readonly CaseDocument[] = [DraftDocument.notes, DraftDocument.agreement, DraftDocument.privateNotes];

export function isCaseDocument(document: string): document is CaseDocument {
  return (CASE_DOCUMENTS as readonly string[]).includes(document);
}

export const CaseDocumentName = z.enum(CASE_DOCUMENTS);
export const DraftDocumentName = z.union([CaseDocumentName, CaucusNotesDocumentName]);

/** The rich-text field of the notes documents (a Y.XmlFragment bound to the editor). */
export const NOTES_FIELD = 'notes';
