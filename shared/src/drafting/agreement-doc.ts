import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import type { DisputeCategory } from '../domain/dispute-categories.js';
import type { Role } from '../domain/roles.js';

/**
 * The shape of the agreement's Y.Doc. Each rich-text part is its own Y.XmlFragment bound to
 * its own editor, so a structural edit in one clause can never invalidate another:
 *
 * - `header` (Y.Map): committee, case number, title, category, language, mediator;
 * - `parties` (Y.Array of Y.Map): participantId, name, role, details (identity, address);
 * - `dispute` (Y.XmlFragment): the dispute in brief;
 * - `clauses` (Y.Array of Y.Map): `id` (stable, for marks) and `body` (Y.XmlFragment);
 * - `performance` (Y.XmlFragment): how and when the agreement is performed.
 *
 * The signature block is not stored: it is made from the parties and the mediator.
 */
export const AgreementField = {
  header: 'header',
  parties: 'parties',
  dispute: 'dispute',
  clauses: 'clauses',
  performance: 'performance',
} as const;

export const AGREEMENT_LANGUAGES = ['zh-CN', 'en'] as const;
export type AgreementLanguage = (typeof AGREEMENT_LANGUAGES)[number];

export interface AgreementHeader {
  committee: string;
  caseNumber: string;
  title: string;
  category: DisputeCategory;
  language: AgreementLanguage;
  mediator: string;
}

export interface AgreementParty {
  participantId: string;
  name: string;
  role: Role;
  /** Identity document, address, contact: whatever the committee records. */
  details: string;
}

export interface AgreementClause {
  id: string;
  body: Y.XmlFragment;
}

export interface AgreementParts {
  header: Y.Map<unknown>;
  parties: Y.Array<Y.Map<string>>;
  dispute: Y.XmlFragment;
  clauses: Y.Array<Y.Map<unknown>>;
  performance: Y.XmlFragment;
}

export function agreementParts(doc: Y.Doc): AgreementParts {
  return {
    header: doc.getMap(AgreementField.header),
    parties: doc.getArray(AgreementField.parties),
    dispute: doc.getXmlFragment(AgreementField.dispute),
    clauses: doc.getArray(AgreementField.clauses),
    performance: doc.getXmlFragment(AgreementField.performance),
  };
}

/** Whether anything has been written into the agreement yet. */
export function isAgreementEmpty(doc: Y.Doc): boolean {
  const parts = agreementParts(doc);
  return parts.header.size === 0 && parts.clauses.length === 0 && parts.dispute.length === 0;
}

export function readHeader(doc: Y.Doc): Partial<AgreementHeader> {
  return agreementParts(doc).header.toJSON() as Partial<AgreementHeader>;
}

export function readParties(doc: Y.Doc): AgreementParty[] {
  return agreementParts(doc).parties.map((party) => ({
    participantId: party.get('participantId') ?? '',
    name: party.get('name') ?? '',
    role: (party.get('role') ?? 'applicant') as Role,
    details: party.get('details') ?? '',
  }));
}

export function readClauses(doc: Y.Doc): AgreementClause[] {
  const clauses: AgreementClause[] = [];
  for (const clause of agreementParts(doc).clauses) {
    const id = clause.get('id');
    const body = clause.get('body');
    if (typeof id === 'string' && body instanceof Y.XmlFragment) clauses.push({ id, body });
  }
  return clauses;
}

/** A Y.Map for one party, to be inserted into `parties`. */
export function createPartyMap(party: AgreementParty): Y.Map<string> {
  return new Y.Map(Object.entries(party));
}

/** A new clause holding the given paragraphs (one empty paragraph when none). */
export function createClauseMap(paragraphs: readonly string[] = ['']): Y.Map<unknown> {
  const body = new Y.XmlFragment();
  body.insert(0, paragraphs.map(paragraphElement));
  return new Y.Map<unknown>([
    ['id', uuidv4()],
    ['body', body],
  ]);
}

/** A ProseMirror paragraph as y-prosemirror stores it: an element holding one text. */
export function paragraphElement(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/** Inserts a clause at `index` (the end by default) and returns its id. */
export function addClause(doc: Y.Doc, index?: number, paragraphs?: readonly string[]): string {
  const clauses = agreementParts(doc).clauses;
  const clause = createClauseMap(paragraphs);
  clauses.insert(Math.min(index ?? clauses.length, clauses.length), [clause]);
  return clause.get('id') as string;
}

export function removeClause(doc: Y.Doc, clauseId: string): boolean {
  const clauses = agreementParts(doc).clauses;
  const index = clauses.toArray().findIndex((clause) => clause.get('id') === clauseId);
  if (index < 0) return false;
  clauses.delete(index, 1);
  return true;
}
