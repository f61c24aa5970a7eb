import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { numberIndexText, partyNameIndexText, PARTY_NAME_SEPARATOR } from '@mediation/shared';
import { searchLexeme } from '../../server/src/store/postgres/archive-search-terms.js';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import { Prng } from '../support/fuzz/prng.js';
import { startPostgres, type TestPostgres } from '../support/start-postgres.js';

/** initdb and the first start take a few seconds on a busy machine. */
const CLUSTER_START_TIMEOUT_MS = 60_000;
const RANDOM_TEXTS = 400;

let cluster: TestPostgres;
let client: pg.Client;
beforeAll(async () => {
  cluster = await startPostgres();
  const url = await cluster.createDatabase();
  await (await openPostgresStore(url)).close();
  client = new pg.Client({ connectionString: url });
  await client.connect();
}, CLUSTER_START_TIMEOUT_MS);
afterAll(async () => {
  await client?.end();
  await cluster?.stop();
});

const NAMES = ['张伟', '欧阳娜娜', '张 伟', '张　伟', 'John Smith', 'JOHN smith-jones', 'José Núñez', 'İlker', 'Nguyễn Văn', 'ab张c', '王 ,伟', 'Ｊｏｈｎ　ＳＭＩＴＨ', '阿卜杜拉·买买提', '𠀋子', '李2号', '々', 'x'];
const NUMBERS = ['(2026)滇0102民调字第123号', 'MA-2026-000777', 'ma张12〇', '〇12', '二〇二六', '00', 'x007y', '（２０２６）第００１号', 'A-0-00-000-0001', 'abc'];
/** Characters names and numbers are drawn from at random: Han of several blocks, Latin with accents, full width, spaces, digits and marks. */
const CHARACTERS = [...'张王李欧阳娜伟明〇々𠀋丽  　·-()（）0123０１２abcABCéÉüñçØßİı ١٢ⅫⅰĲﬁ⓫〡号第字'];

/** The index's phrases as JavaScript makes them (shared/src/archive), each a list of lexemes. */
const phrasesOf = (indexText: string) =>
  indexText
    .split(` ${PARTY_NAME_SEPARATOR} `)
    .map((phrase) => phrase.split(' ').filter((token) => token !== '').map(searchLexeme))
    .filter((phrase) => phrase.length > 0);

async function databaseNamePhrases(name: string): Promise<string[][]> {
  const { rows } = await client.query<{ tokens: string[] }>('SELECT ARRAY(SELECT archive_lexeme(t) FROM unnest(archive_name_tokens($1)) AS t) AS tokens', [name]);
  return rows[0]!.tokens.length === 0 ? [] : [rows[0]!.tokens];
}

async function databaseNumberPhrases(value: string): Promise<string[][]> {
  const { rows } = await client.query<{ tokens: string[] }>(
    `SELECT ARRAY(SELECT archive_lexeme(t) FROM jsonb_array_elements_text(phrase) WITH ORDINALITY AS token(t, n) ORDER BY n) AS tokens
     FROM jsonb_array_elements(archive_number_phrases($1)) WITH ORDINALITY AS phrases(phrase, n) ORDER BY n`,
    [value],
  );
  return rows.map((r) => r.tokens).filter((tokens) => tokens.length > 0);
}

it('makes the same tokens of names and numbers in the database as the SQLite store’s JavaScript functions', async () => {
  const random = new Prng(12);
  const randomTexts = Array.from({ length: RANDOM_TEXTS }, () => Array.from({ length: 1 + random.int(8) }, () => random.pick(CHARACTERS)).join(''));
  for (const name of [...NAMES, ...randomTexts]) {
    expect(await databaseNamePhrases(name), name).toEqual(phrasesOf(partyNameIndexText([name])));
  }
  for (const value of [...NUMBERS, ...randomTexts]) {
    expect(await databaseNumberPhrases(value), value).toEqual(phrasesOf(numberIndexText(value)));
  }
});
