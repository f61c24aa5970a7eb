/**
 * What the PostgreSQL archive index and its queries agree on (archive-token-functions.ts
 * makes the index's lexemes, archive-search-query.ts the queries'): which weight marks which
 * field, and how a token becomes a lexeme.
 *
 * One tsvector holds a case's three searchable fields, each at its own weight, so that a
 * query names the field a phrase must stand in, as SQLite's FTS5 column filters do.
 */
export const SEARCH_WEIGHT = {
  names: 'A',
  caseNumber: 'B',
  documentNumber: 'C',
} as const;

/**
 * Longest lexeme, in characters: PostgreSQL refuses a lexeme of 2 KiB or more, and a name of
 * 80 characters can grow past that under NFKC (one ligature becomes up to 18 characters).
 * Queries cut their tokens the same way, so a cut word is still found.
 */
export const MAX_LEXEME_CHARACTERS = 256;

/**
 * A Latin letter's one diacritic, dropped: SQLite's unicode61 tokenizer (remove_diacritics=1)
 * indexes and searches José as jose; a letter with two diacritics (Vietnamese ệ) keeps them,
 * as it does there. Runs on tokens already NFKC-normalised and lower case.
 */
const LATIN_LETTER_WITH_ONE_DIACRITIC = /([a-z])[\u0300-\u036f](?![\u0300-\u036f])/g;

/** The lexeme of a name or number token (shared/src/archive), as the index function makes it. */
export function searchLexeme(token: string): string {
  const withoutDiacritics = token.normalize('NFD').replace(LATIN_LETTER_WITH_ONE_DIACRITIC, '$1').normalize('NFC');
  return [...withoutDiacritics].slice(0, MAX_LEXEME_CHARACTERS).join('');
}

/** The regular expression above, in PostgreSQL's syntax (its lookahead and escapes are the same). */
export const LATIN_LETTER_WITH_ONE_DIACRITIC_PATTERN = LATIN_LETTER_WITH_ONE_DIACRITIC.source;
