/**
 * How party names are indexed for search. A Chinese name is two to four characters with no
 * spaces, so a word tokenizer sees each name as one word, and a trigram index cannot match a
 * two-character query (张伟). Each run of Han characters is indexed as its overlapping
 * bigrams instead (欧阳娜娜 → 欧阳 阳娜 娜娜), and a query as the phrase of its own bigrams:
 * any two or more consecutive characters of a name find it. Other scripts are indexed by
 * word and searched by word prefix (Smi → Smith).
 */

/** Fewest Han characters a name query may have: one character would match a tenth of a province. */
export const MIN_HAN_QUERY_CHARACTERS = 2;

/**
 * Stands between the names of one case's parties in the index, so that a phrase never
 * spans two names. It is a token of the index's tokenizer (declared as a token character)
 * and never produced from a name, which keeps only letters and digits.
 */
export const PARTY_NAME_SEPARATOR = '§';

const HAN = /\p{Script=Han}/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

type Segment = { kind: 'han' | 'word'; text: string };

/** The runs of Han characters and of other letters and digits, spaces between Han characters ignored. */
function segmentsOf(name: string): Segment[] {
  const segments: Segment[] = [];
  let current = null as Segment | null;
  const characters = [...name.normalize('NFKC').toLowerCase()];
  for (const [index, character] of characters.entries()) {
    const kind = HAN.test(character) ? 'han' : WORD_CHARACTER.test(character) ? 'word' : null;
    if (kind === null) {
      // 张 伟 is still 张伟: a space typed between Han characters does not end the name.
      const next = characters.slice(index + 1).find((c) => !SPACE.test(c));
      if (current?.kind === 'han' && SPACE.test(character) && next !== undefined && HAN.test(next)) continue;
      current = null;
      continue;
    }
    if (current?.kind === kind) current.text += character;
    else segments.push((current = { kind, text: character }));
  }
  return segments;
}

function tokensOf(segment: Segment): string[] {
  if (segment.kind === 'word') return [segment.text];
  const characters = [...segment.text];
  if (characters.length === 1) return characters;
  return characters.slice(1).map((character, index) => characters[index]! + character);
}

/** The index text of a case's party names: each name's tokens, names apart by the separator. */
export function partyNameIndexText(names: readonly string[]): string {
  return names
    .map((name) => segmentsOf(name).flatMap(tokensOf).join(' '))
    .filter((tokens) => tokens !== '')
    .join(` ${PARTY_NAME_SEPARATOR} `);
}

/** Why a name query cannot be searched, or null if it can. */
export function partyQueryProblem(query: string): string | null {
  const segments = segmentsOf(query);
  if (segments.length === 0) return 'A name to search for needs letters or Chinese characters.';
  if (segments.some((s) => s.kind === 'han' && [...s.text].length < MIN_HAN_QUERY_CHARACTERS)) {
    return `Search a Chinese name by at least ${MIN_HAN_QUERY_CHARACTERS} characters.`;
  }
  return null;
}

/**
 * The full-text phrase that finds names containing `query` (see partyQueryProblem first):
 * its tokens, consecutive, the last a prefix when it is a word. Tokens hold only letters
 * and digits, so quoting them is enough to keep the query's syntax out of the user's text.
 */
export function partyNamePhrase(query: string): string {
  const { tokens, lastIsPrefix } = partyNameQueryTokens(query);
  return `"${tokens.join(' ')}"${lastIsPrefix ? ' *' : ''}`;
}

/** The tokens a name query is searched by, in order, and whether the last is a prefix (a word). */
export function partyNameQueryTokens(query: string): { tokens: string[]; lastIsPrefix: boolean } {
  const segments = segmentsOf(query);
  return { tokens: segments.flatMap(tokensOf), lastIsPrefix: segments.at(-1)?.kind === 'word' };
}
