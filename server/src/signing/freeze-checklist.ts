import type * as Y from 'yjs';
import {
  canonicalAgreement,
  clauseHash,
  isParty,
  readClauses,
  richTextLines,
  type CanonicalNode,
  type FreezeChecklistItem,
} from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';

/** A blank to fill in: a template's placeholder (＿＿) or underscores typed for one. */
const BLANK = /[＿_]{2,}/u;
/** Characters of text shown around a blank, to find it by. */
const EXCERPT_AROUND = 12;

/**
 * What is still open before the agreement may be frozen for signing: parties whose identity
 * document is not recorded as checked, objections standing against a clause's current
 * text, blanks and template placeholders left in the text, and fields the agreement must
 * state left empty. Read from `doc`, the agreement as it will be frozen.
 */
export async function freezeChecklist(drafting: CaseDrafting, doc: Y.Doc): Promise<FreezeChecklistItem[]> {
  const [participants, attestations, marks] = await Promise.all([
    drafting.participants(),
    drafting.store.listIdentityAttestations(drafting.caseId),
    drafting.store.listClauseMarks(drafting.caseId),
  ]);
  const items: FreezeChecklistItem[] = [];
  const checked = new Set(attestations.map((a) => a.participantId));
  const active = participants.filter((p) => p.revokedAt === null);
  for (const party of active.filter((p) => isParty(p.role) && !checked.has(p.id))) {
    items.push({ kind: 'identity-not-checked', participantId: party.id, name: party.displayName });
  }

  const clauses = readClauses(doc);
  const byId = new Map(active.map((p) => [p.id, p]));
  for (const mark of marks) {
    const index = clauses.findIndex((clause) => clause.id === mark.clauseId);
    const party = byId.get(mark.participantId);
    if (mark.mark !== 'object' || index < 0 || !party || clauseHash(clauses[index]!.body) !== mark.clauseHash) continue;
    items.push({ kind: 'objection-open', clauseNumber: index + 1, participantId: party.id, name: party.displayName });
  }

  const agreement = canonicalAgreement(doc);
  const { header } = agreement;
  const fields = [
    ['committee', header.committee],
    ['case-number', header.caseNumber],
    ['title', header.title],
    ['mediator', header.mediator],
  ] as const;
  for (const [field, value] of fields) if (value.trim() === '') items.push({ kind: 'field-empty', field, name: null });
  if (agreement.parties.length === 0) items.push({ kind: 'field-empty', field: 'parties', name: null });
  for (const party of agreement.parties) {
    if (party.details.trim() === '') items.push({ kind: 'field-empty', field: 'party-details', name: party.name });
  }

  const blankIn = (part: Extract<FreezeChecklistItem, { kind: 'blank-left' }>['part'], text: string, clauseNumber: number | null = null) => {
    const found = BLANK.exec(text);
    if (found) items.push({ kind: 'blank-left', part, clauseNumber, excerpt: excerptAround(text, found.index, found[0].length) });
  };
  blankIn('header', Object.values(header).join(' '));
  blankIn('parties', agreement.parties.map((p) => `${p.name} ${p.details}`).join(' '));
  blankIn('dispute', plainText(agreement.dispute));
  for (const clause of agreement.clauses) blankIn('clause', plainText(clause.body), clause.number);
  blankIn('performance', plainText(agreement.performance));
  return items;
}

function plainText(nodes: CanonicalNode[]): string {
  return richTextLines(nodes).join('\n');
}

function excerptAround(text: string, at: number, length: number): string {
  const start = Math.max(0, at - EXCERPT_AROUND);
  const end = Math.min(text.length, at + length + EXCERPT_AROUND);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/gu, ' ')}${end < text.length ? '…' : ''}`;
}
