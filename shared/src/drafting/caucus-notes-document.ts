import { z } from 'zod';

/**
 * Each private caucus has a notes document of its own, named after the caucus: `caucus:`
 * and the caucus's id, a lower-case UUID as the server makes it. Nothing else names one, so
 * a name that does not fit is refused at the edge before anything looks it up.
 */
export type CaucusNotesDocument = `caucus:${string}`;

const PREFIX = 'caucus:';
const CAUCUS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `caucus:` and a UUID's 36 characters. */
export const CAUCUS_NOTES_NAME_LENGTH = PREFIX.length + 36;

export const CaucusNotesDocumentName = z
  .string()
  .max(CAUCUS_NOTES_NAME_LENGTH, 'expected the name of a caucus’s notes')
  .pipe(z.templateLiteral([PREFIX, z.string().regex(CAUCUS_ID)], 'expected caucus: and a caucus id'));

export function caucusNotesDocument(caucusId: string): CaucusNotesDocument {
  return `${PREFIX}${caucusId}`;
}

/** The caucus whose notes `document` is. */
export function caucusIdOf(document: CaucusNotesDocument): string {
  return document.slice(PREFIX.length);
}
