import { numberParts, numberQueryProblem, partyNameQueryTokens, partyQueryProblem } from '@mediation/shared';
import type { ArchiveQuery } from '../archive-store.js';
import { SEARCH_WEIGHT, searchLexeme } from './archive-search-terms.js';

/** A query's text conditions as a tsquery, or why there is none. */
export type SearchCondition = { kind: 'none' } | { kind: 'nothing-matches' } | { kind: 'tsquery'; text: string };

/** A lexeme as tsquery text: quoted, a quote or backslash in it escaped. */
const quoted = (lexeme: string) => `'${lexeme.replace(/['\\]/g, (c) => `\\${c}`)}'`;

/**
 * The phrase of these tokens at consecutive positions, each in a field of `weights`, the last
 * a prefix when asked; null when there are no tokens (a phrase of nothing finds nothing).
 */
function phrase(tokens: readonly string[], lastIsPrefix: boolean, weights: string): string | null {
  if (tokens.length === 0) return null;
  const lexemes = tokens.map((token, index) => `${quoted(searchLexeme(token))}:${index === tokens.length - 1 && lastIsPrefix ? '*' : ''}${weights}`);
  return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
}

const namePhrase = (query: string) => {
  const { tokens, lastIsPrefix } = partyNameQueryTokens(query);
  return phrase(tokens, lastIsPrefix, SEARCH_WEIGHT.names);
};
/** A number's parts in a row, the last a prefix (numberPhrase), in the fields of `weights`. */
const numberPhrase = (query: string, weights: string) => phrase(numberParts(query), true, weights);

/**
 * The tsquery of a query's text conditions (a party's name, a case number, a document number,
 * or text that may be any of them), all of which must hold: the phrases that SQLite's
 * searchExpression (sqlite-archive.ts) builds, each field a weight of the entry's `search`.
 * Lexemes are quoted, so nothing the user typed is read as query syntax.
 */
export function archiveSearchCondition(query: ArchiveQuery): SearchCondition {
  const parts: (string | null)[] = [];
  if (query.party !== undefined) parts.push(namePhrase(query.party));
  if (query.caseNumber !== undefined) parts.push(numberPhrase(query.caseNumber, SEARCH_WEIGHT.caseNumber));
  if (query.documentNumber !== undefined) parts.push(numberPhrase(query.documentNumber, SEARCH_WEIGHT.documentNumber));
  if (query.text !== undefined) {
    // A single Han character is no name, and a single digit no number: whichever it can be
    // (neither: nothing matches).
    const either: (string | null)[] = [];
    if (partyQueryProblem(query.text) === null) either.push(namePhrase(query.text));
    if (numberQueryProblem(query.text) === null) either.push(numberPhrase(query.text, SEARCH_WEIGHT.caseNumber + SEARCH_WEIGHT.documentNumber));
    const possible = either.filter((p) => p !== null);
    parts.push(possible.length === 0 ? null : `(${possible.join(' | ')})`);
  }
  if (parts.length === 0) return { kind: 'none' };
  if (parts.some((p) => p === null)) return { kind: 'nothing-matches' };
  return { kind: 'tsquery', text: parts.join(' & ') };
}
