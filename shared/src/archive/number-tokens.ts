import { PARTY_NAME_SEPARATOR } from './party-name-tokens.js';

/**
 * How case and document numbers are indexed for search: by their parts, so that
 * (2026)滇0102民调字第123号 is found by 123, 第123号, 0102 or 2026, and MA-2026-000123 by
 * 000123, 123 or MA-2026. Runs of digits and of Latin letters are tokens, each Han
 * character one token (a number's Han characters are words: 第, 号); a query is the phrase of
 * its parts, the last one a prefix. A run of digits with leading zeros is also indexed
 * without them, alone, so 123 finds 000123.
 */

/** Fewest characters of a number query: one digit would match nearly every number. */
export const MIN_NUMBER_QUERY_CHARACTERS = 2;

const PART = /\p{Script=Han}|\p{N}+|\p{L}+/gu;

/** A number's parts, lower case. */
export function numberParts(value: string): string[] {
  return value.normalize('NFKC').toLowerCase().match(PART) ?? [];
}

/** The parts again without their leading zeros, for those that have any. */
export function numberPartsWithoutZeros(value: string): string[] {
  return numberParts(value)
    .filter((part) => /^0+\d/.test(part))
    .map((part) => part.replace(/^0+/, ''));
}

/** The index text of a number: its parts in order, then each part without its zeros on its own. */
export function numberIndexText(value: string): string {
  return [numberParts(value).join(' '), ...numberPartsWithoutZeros(value)].join(` ${PARTY_NAME_SEPARATOR} `);
}

/** Why a number query cannot be searched, or null if it can. */
export function numberQueryProblem(query: string): string | null {
  const parts = numberParts(query);
  if (parts.length === 0) return 'A number to search for needs letters, digits or Chinese characters.';
  if (parts.join('').length < MIN_NUMBER_QUERY_CHARACTERS) return `Search a number by at least ${MIN_NUMBER_QUERY_CHARACTERS} characters.`;
  return null;
}

/** The full-text phrase that finds numbers with these parts (see numberQueryProblem first), the last a prefix. */
export function numberPhrase(query: string): string {
  return `"${numberParts(query).join(' ')}" *`;
}
