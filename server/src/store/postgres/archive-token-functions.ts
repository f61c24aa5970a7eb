import { LATIN_LETTER_WITH_ONE_DIACRITIC_PATTERN, MAX_LEXEME_CHARACTERS, SEARCH_WEIGHT } from './archive-search-terms.js';

/**
 * The archive's tokenizers in PL/pgSQL: the same tokens of party names and of case
 * and document numbers as shared/src/archive makes in JavaScript (party-name-tokens.ts,
 * number-tokens.ts), which the SQLite store registers as functions; here they run in the
 * database, so that the index is kept by triggers whoever writes.
 *
 * Text is NFKC-normalised and put in lower case with ICU's root locale, as JavaScript's
 * toLowerCase does, whatever locale the database was made with. Letters and decimal digits
 * are ICU's (the regular expressions run under the "und-x-icu" collation); JavaScript's \p{N}
 * also holds numerals that are not decimal digits (〇, circled and Hangzhou numerals), listed
 * here, and Han is listed, so that each class is the one JavaScript reads.
 *
 * This text is part of a shipped migration once released: change it only by adding another.
 */

/** Script=Han, as /\p{Script=Han}/u matches it (Unicode 17), in code point ranges. */
const HAN_RANGES: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2e99], [0x2e9b, 0x2ef3], [0x2f00, 0x2fd5], [0x3005, 0x3005], [0x3007, 0x3007], [0x3021, 0x3029],
  [0x3038, 0x303b], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfa6d], [0xfa70, 0xfad9], [0x16fe2, 0x16fe3],
  [0x16ff0, 0x16ff6], [0x20000, 0x2a6df], [0x2a700, 0x2b81d], [0x2b820, 0x2cead], [0x2ceb0, 0x2ebe0], [0x2ebf0, 0x2ee5d],
  [0x2f800, 0x2fa1d], [0x30000, 0x3134a], [0x31350, 0x33479],
];

/**
 * Numerals that are not decimal digits (\p{N} but not \p{Nd}) and that NFKC and lower case
 * leave as they are: what \p{N} holds beyond ICU's [[:digit:]].
 */
const NUMERAL_RANGES: readonly (readonly [number, number])[] = [
  [0x9f4, 0x9f9], [0xb72, 0xb77], [0xbf0, 0xbf2], [0xc78, 0xc7e], [0xd58, 0xd5e], [0xd70, 0xd78], [0xf2a, 0xf33],
  [0x1369, 0x137c], [0x16ee, 0x16f0], [0x17f0, 0x17f9], [0x19da, 0x19da], [0x2180, 0x2182], [0x2185, 0x2188],
  [0x24eb, 0x24ff], [0x2776, 0x2793], [0x2cfd, 0x2cfd], [0x3007, 0x3007], [0x3021, 0x3029], [0x3248, 0x324f],
  [0xa6e6, 0xa6ef], [0xa830, 0xa835], [0x10107, 0x10133], [0x10140, 0x10178], [0x1018a, 0x1018b], [0x102e1, 0x102fb],
  [0x10320, 0x10323], [0x10341, 0x10341], [0x1034a, 0x1034a], [0x103d1, 0x103d5], [0x10858, 0x1085f], [0x10879, 0x1087f],
  [0x108a7, 0x108af], [0x108fb, 0x108ff], [0x10916, 0x1091b], [0x109bc, 0x109bd], [0x109c0, 0x109cf], [0x109d2, 0x109ff],
  [0x10a40, 0x10a48], [0x10a7d, 0x10a7e], [0x10a9d, 0x10a9f], [0x10aeb, 0x10aef], [0x10b58, 0x10b5f], [0x10b78, 0x10b7f],
  [0x10ba9, 0x10baf], [0x10cfa, 0x10cff], [0x10e60, 0x10e7e], [0x10f1d, 0x10f26], [0x10f51, 0x10f54], [0x10fc5, 0x10fcb],
  [0x11052, 0x11065], [0x111e1, 0x111f4], [0x1173a, 0x1173b], [0x118ea, 0x118f2], [0x11c5a, 0x11c6c], [0x11fc0, 0x11fd4],
  [0x12400, 0x1246e], [0x16b5b, 0x16b61], [0x16e80, 0x16e96], [0x16ff4, 0x16ff6], [0x1d2c0, 0x1d2d3], [0x1d2e0, 0x1d2f3],
  [0x1d360, 0x1d378], [0x1e8c7, 0x1e8cf], [0x1ec71, 0x1ecab], [0x1ecad, 0x1ecaf], [0x1ecb1, 0x1ecb4], [0x1ed01, 0x1ed2d],
  [0x1ed2f, 0x1ed3d], [0x1f10b, 0x1f10c],
];

/** What /\s/u matches. */
const SPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f],
  [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];

/** A code point as a PostgreSQL regular expression escape. */
const escape = (codePoint: number) =>
  codePoint <= 0xffff ? `\\u${codePoint.toString(16).padStart(4, '0')}` : `\\U${codePoint.toString(16).padStart(8, '0')}`;
const rangesOf = (ranges: readonly (readonly [number, number])[]) =>
  ranges.map(([from, to]) => (from === to ? escape(from) : `${escape(from)}-${escape(to)}`)).join('');

const HAN = `[${rangesOf(HAN_RANGES)}]`;
const SPACE = `[${rangesOf(SPACE_RANGES)}]`;
/** \p{N}, and letters or \p{N}. */
const NUMBER = `[[:digit:]${rangesOf(NUMERAL_RANGES)}]`;
const LETTER_OR_NUMBER = `[[:alpha:][:digit:]${rangesOf(NUMERAL_RANGES)}]`;

/**
 * A name's segments (party-name-tokens.ts segmentsOf): runs of Han characters, spaces between
 * two Han characters ignored (张 伟 is 张伟), and runs of other letters and digits. The two
 * alternatives begin with different characters, so PostgreSQL's longest match is
 * JavaScript's first.
 */
const NAME_SEGMENT = `${HAN}(?:${SPACE}*${HAN})*|(?:(?!${HAN})${LETTER_OR_NUMBER})+`;

/**
 * A number's parts (number-tokens.ts PART, /\p{Script=Han}|\p{N}+|\p{L}+/gu): a Han character
 * alone, a run of numbers or one of letters, neither beginning with a Han character (a run may
 * go on with them, as \p{N}+ and \p{L}+ do).
 */
const NUMBER_PART = `${HAN}|(?!${HAN})${NUMBER}+|(?!${HAN})[[:alpha:]]+`;

/**
 * The functions are PL/pgSQL of simple expressions only (regexp_count and regexp_substr walk
 * the matches), whose plans PostgreSQL keeps for the session. A query inside them, or a SQL
 * function with one, is planned again on every call from a trigger: a first version of
 * archive_search_vector that read its phrases with a query took 2 ms a case for that.
 */
export const ARCHIVE_TOKEN_FUNCTIONS = `
  -- Text as the tokenizers read it: NFKC, lower case by Unicode's rules (not the database's locale).
  CREATE FUNCTION archive_folded(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(normalize(value, NFKC) COLLATE "und-x-icu");

  -- A token as the index holds it (archive-search-terms.ts searchLexeme).
  CREATE FUNCTION archive_lexeme(token text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN left(normalize(regexp_replace(normalize(token, NFD), '${LATIN_LETTER_WITH_ONE_DIACRITIC_PATTERN}', '\\1', 'g'), NFC), ${MAX_LEXEME_CHARACTERS});

  -- A party's name as tokens (partyNameIndexText of one name): each run of Han characters as
  -- its overlapping bigrams (one character alone as itself), each other word whole.
  CREATE FUNCTION archive_name_tokens(name text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      folded text COLLATE "und-x-icu" := archive_folded(name);
      run text;
      tokens text[] := '{}';
    BEGIN
      FOR segment IN 1 .. regexp_count(folded, '${NAME_SEGMENT}') LOOP
        run := regexp_replace(regexp_substr(folded, '${NAME_SEGMENT}', 1, segment), '${SPACE}', '', 'g');
        IF run !~ '^${HAN}' OR char_length(run) = 1 THEN
          tokens := tokens || run;
        ELSE
          FOR i IN 1 .. char_length(run) - 1 LOOP
            tokens := tokens || substr(run, i, 2);
          END LOOP;
        END IF;
      END LOOP;
      RETURN tokens;
    END
    $$;

  -- A number's parts (numberParts), in order.
  CREATE FUNCTION archive_number_parts(value text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      folded text COLLATE "und-x-icu" := archive_folded(value);
      parts text[] := '{}';
    BEGIN
      FOR part IN 1 .. regexp_count(folded, '${NUMBER_PART}') LOOP
        parts := parts || regexp_substr(folded, '${NUMBER_PART}', 1, part);
      END LOOP;
      RETURN parts;
    END
    $$;

  -- The phrases a number is indexed as (numberIndexText), each a JSON array of tokens: its
  -- parts in a row, then each part that has leading zeros again without them, on its own, so
  -- that 123 finds 000123.
  CREATE FUNCTION archive_number_phrases(value text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      parts text[] := archive_number_parts(value);
      phrases jsonb := jsonb_build_array(to_jsonb(parts));
      part text;
    BEGIN
      FOREACH part IN ARRAY parts LOOP
        IF part ~ '^0+[0-9]' AND part !~ '^0+$' THEN
          phrases := phrases || jsonb_build_array(jsonb_build_array(regexp_replace(part, '^0+', '')));
        END IF;
      END LOOP;
      RETURN phrases;
    END
    $$;

  -- A case's index: the parties' names (weight ${SEARCH_WEIGHT.names}), the case number (${SEARCH_WEIGHT.caseNumber}) and
  -- the document number (${SEARCH_WEIGHT.documentNumber}), each a list of phrases. Each phrase's tokens stand at
  -- consecutive positions and one position is left empty before each phrase, so that no phrase
  -- query spans two names, two phrases of a number, or two fields (SQLite's index puts a '§'
  -- token there). tsvector's own quoting: a quote or backslash in a lexeme is escaped by a
  -- backslash. The search path is fixed: a generated column computes it when a dump is
  -- restored too.
  CREATE FUNCTION archive_search_vector(parties jsonb, case_number text, document_number text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    DECLARE
      names jsonb := '[]';
      fields jsonb;
      phrase jsonb;
      position integer := 0;
      lexemes text[] := '{}';
    BEGIN
      FOR i IN 0 .. coalesce(jsonb_array_length(parties), 0) - 1 LOOP
        names := names || jsonb_build_array(to_jsonb(archive_name_tokens(parties ->> i)));
      END LOOP;
      fields := jsonb_build_array(
        jsonb_build_array('${SEARCH_WEIGHT.names}', names),
        jsonb_build_array('${SEARCH_WEIGHT.caseNumber}', coalesce(archive_number_phrases(case_number), '[]')),
        jsonb_build_array('${SEARCH_WEIGHT.documentNumber}', coalesce(archive_number_phrases(document_number), '[]')));
      FOR f IN 0 .. jsonb_array_length(fields) - 1 LOOP
        FOR p IN 0 .. jsonb_array_length(fields -> f -> 1) - 1 LOOP
          phrase := fields -> f -> 1 -> p;
          CONTINUE WHEN jsonb_array_length(phrase) = 0;
          position := position + 1;
          FOR t IN 0 .. jsonb_array_length(phrase) - 1 LOOP
            position := position + 1;
            lexemes := lexemes || format('''%s'':%s%s', regexp_replace(archive_lexeme(phrase ->> t), '([''\\\\])', '\\\\\\1', 'g'), position, fields -> f ->> 0);
          END LOOP;
        END LOOP;
      END LOOP;
      RETURN array_to_string(lexemes, ' ')::tsvector;
    END
    $$;
`;
