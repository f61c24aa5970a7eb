import { DISPUTE_CATEGORIES } from '../domain/dispute-categories.js';
import { ROLES } from '../domain/roles.js';
import { AGREEMENT_LANGUAGES, AgreementField, type AgreementHeader, type AgreementParty } from './agreement-doc.js';
import { DraftDocument, isCaseDocument, NOTES_FIELD, type CaseDocument } from './draft-documents.js';

/**
 * What a part of a case document's Y.Doc may be. Every part has one shape, and every
 * change a member sends must fit it (server/src/drafting/check-update-content.ts):
 *
 * - `richText`: a Y.XmlFragment holding the editor's document (shared/src/drafting/rich-text-schema.ts);
 * - `map`: a Y.Map with these keys only, each holding its own shape;
 * - `array`: a Y.Array of one shape;
 * - `string`: a plain value of a Y.Map, text (of `oneOf` when given).
 */
export type DraftStructure =
  | { kind: 'richText' }
  | { kind: 'map'; name: string; entries: Readonly<Record<string, DraftStructure>> }
  | { kind: 'array'; name: string; items: DraftStructure }
  | { kind: 'string'; oneOf?: readonly string[] };

const text: DraftStructure = { kind: 'string' };
const richText: DraftStructure = { kind: 'richText' };

const headerEntries: Record<keyof AgreementHeader, DraftStructure> = {
  committee: text,
  caseNumber: text,
  title: text,
  category: { kind: 'string', oneOf: DISPUTE_CATEGORIES },
  language: { kind: 'string', oneOf: AGREEMENT_LANGUAGES },
  mediator: text,
};

const partyEntries: Record<keyof AgreementParty, DraftStructure> = {
  participantId: text,
  name: text,
  role: { kind: 'string', oneOf: ROLES },
  details: text,
};

/** A clause: its stable id (for marks) and its wording. */
const clauseEntries: Record<'id' | 'body', DraftStructure> = {
  id: text,
  body: richText,
};

const notes: Readonly<Record<string, DraftStructure>> = { [NOTES_FIELD]: richText };

/** The named parts (Y.Doc root types) of each case document and their shapes. */
export const DRAFT_DOCUMENT_STRUCTURE: Readonly<Record<CaseDocument, Readonly<Record<string, DraftStructure>>>> = {
  [DraftDocument.notes]: notes,
  [DraftDocument.privateNotes]: notes,
  [DraftDocument.agreement]: {
    [AgreementField.header]: { kind: 'map', name: 'the agreement’s header', entries: headerEntries },
    [AgreementField.parties]: {
      kind: 'array',
      name: 'the list of parties',
      items: { kind: 'map', name: 'a party', entries: partyEntries },
    },
    [AgreementField.dispute]: richText,
    [AgreementField.clauses]: {
      kind: 'array',
      name: 'the list of clauses',
      items: { kind: 'map', name: 'a clause', entries: clauseEntries },
    },
    [AgreementField.performance]: richText,
  } satisfies Record<keyof typeof AgreementField, DraftStructure>,
};

/** The named parts of any live document: a caucus's notes are shaped as the shared notes. */
export function documentStructure(document: DraftDocument): Readonly<Record<string, DraftStructure>> {
  return isCaseDocument(document) ? DRAFT_DOCUMENT_STRUCTURE[document] : notes;
}
