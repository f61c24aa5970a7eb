/**
 * The committee portal's archive at a province's scale: a fresh SQLite store filled with
 * 1,000,000 issued agreements (`--agreements N` for a quicker run) across 4,000 committees
 * of a Yunnan-like region tree (archive-fill.ts), then p50/p99 of the searches the portal
 * makes, each timed through the store as the service calls it:
 * - a party's name (an existing 2- or 3-character one), in one committee's archive and
 *   province-wide for an administrator;
 * - a filtered list (category, status, a year's date range), its first page and a deep
 *   one, for a committee and for a city's administrator.
 * Target: p99 at most 20 ms for each, with the store in the page cache (as on a running
 * server). The machine's load is quoted: on a shared machine, a query that needs 3 ms of
 * CPU can wait much longer for it. Ends with one JSON line.
 *
 * `--postgres`: the same province copied into the PostgreSQL store of a throwaway cluster
 * (archive-fill-postgres.ts) and measured there, through the same store interface.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { CASE_STATUSES, DISPUTE_CATEGORIES } from '@mediation/shared';
import type { Reach } from '../../server/src/policy/policy.js';
import { readStatistics } from '../../server/src/statistics/read-statistics.js';
import type { ArchiveQuery } from '../../server/src/store/archive-store.js';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import { DATABASE_FILE, openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { Store } from '../../server/src/store/store.js';
import { Prng } from '../../test/support/fuzz/prng.js';
import { startPostgres, type TestPostgres } from '../../test/support/start-postgres.js';
import { fillArchive, type FilledArchive } from './archive-fill.js';
import { copyArchiveToPostgres } from './archive-fill-postgres.js';
import { percentiles, type Percentiles } from './percentiles.js';

const { values: options } = parseArgs({
  args: process.argv.slice(3),
  options: {
    agreements: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    /** Keep the filled store (its directory is printed), to measure it again with --reuse. */
    keep: { type: 'boolean', default: false },
    /** A store kept by an earlier run with --keep (its fill's summary beside it): queries only. */
    reuse: { type: 'string' },
    /** Measure the PostgreSQL store (on a cluster of its own) instead of SQLite. */
    postgres: { type: 'boolean', default: false },
  },
});
if (options.postgres && (options.keep || options.reuse)) throw new Error('--postgres measures a cluster of its own: without --keep or --reuse');
const AGREEMENTS = Number(options.agreements);
const QUERIES = Number(options.queries);
const TARGET_MS = 20;
/** The target of a province-wide statistics roll-up. */
const ROLL_UP_TARGET_MS = 200;
/** What the portal asks for: a page of 20, counted up to the archive's result window. */
const PAGE_SIZE = 20;
const COUNT_LIMIT = 10_000;
/** The deep page: the 50th, or the last there is. */
const DEEP_PAGE = 50;
/** Queries run before each measurement, untimed: they map the pages the store reads into the process. */
const WARM_UP = 50;

const round = (value: number) => Math.round(value * 100) / 100;
const load = () => os.loadavg().map(round);

/** Beside a kept store: what its fill made, to measure it again without filling. */
const FILL_SUMMARY = 'archive-fill.json';

let dataDir: string;
let filled: FilledArchive;
let fillSeconds: number | null = null;
let fillCpuSeconds: number | null = null;
if (options.reuse) {
  dataDir = options.reuse;
  filled = JSON.parse(fs.readFileSync(path.join(dataDir, FILL_SUMMARY), 'utf8')) as FilledArchive;
  console.log(`measuring the store kept in ${dataDir} (${filled.cases} cases)`);
} else {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-bench-'));
  // The schema as the service makes it, then the rows straight into its tables.
  await openSqliteStore(dataDir).close();
  console.log(`filling ${AGREEMENTS} issued agreements into ${dataDir} (load ${load().join(' ')}) …`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  filled = fillArchive(path.join(dataDir, DATABASE_FILE), AGREEMENTS);
  fillSeconds = round((performance.now() - started) / 1000);
  const used = process.cpuUsage(cpu);
  fillCpuSeconds = round((used.user + used.system) / 1e6);
  if (options.keep) fs.writeFileSync(path.join(dataDir, FILL_SUMMARY), JSON.stringify(filled));
}

/** With --postgres: the cluster, and the store's database in it, filled from the SQLite store. */
let postgres: { cluster: TestPostgres; url: string } | undefined;
if (options.postgres) {
  const cluster = await startPostgres();
  try {
    const url = await cluster.createDatabase();
    await (await openPostgresStore(url)).close();
    console.log('copying into PostgreSQL …');
    const started = performance.now();
    await copyArchiveToPostgres(path.join(dataDir, DATABASE_FILE), url);
    console.log(`copied in ${round((performance.now() - started) / 1000)} s`);
    postgres = { cluster, url };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
const storeBytes = postgres
  ? await databaseBytes(postgres.url)
  : fs.readdirSync(dataDir).reduce((sum, file) => sum + fs.statSync(path.join(dataDir, file)).size, 0);
console.log(`${filled.cases} cases; filled in ${fillSeconds ?? '(reused)'} s (${fillCpuSeconds ?? '–'} s of CPU); store ${(storeBytes / 2 ** 20).toFixed(0)} MiB on disk`);

/**
 * The store's files read once through the operating system before measuring: a service
 * that has been running holds its store in the page cache, and a search is timed as it
 * would be there, not as the first read of a cold disk.
 */
function warmPageCache(directory: string): void {
  const chunk = Buffer.alloc(16 * 2 ** 20);
  for (const file of fs.readdirSync(directory)) {
    const descriptor = fs.openSync(path.join(directory, file), 'r');
    while (fs.readSync(descriptor, chunk) > 0);
    fs.closeSync(descriptor);
  }
}
if (postgres) await warmPostgres(postgres.url);
else warmPageCache(dataDir);

/** The size of a PostgreSQL database, its indexes included. */
async function databaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT pg_database_size(current_database()) AS bytes')).rows[0].bytes);
  } finally {
    await client.end();
  }
}

/** PostgreSQL's tables and indexes read once into the page cache, as warmPageCache does for SQLite's files. */
async function warmPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    await client.query(`SELECT pg_prewarm(oid, 'read') FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'i', 't')`);
  } finally {
    await client.end();
  }
}

const store: Store = postgres ? await openPostgresStore(postgres.url) : openSqliteStore(dataDir);
const random = new Prng(17);

/** The 2- and 3-character names sampled: the full names people search by. */
const fullNames = filled.sampleNames.filter((sample) => [...sample.name].length <= 3);
/** An existing party's whole name (2 or 3 characters) and its committee. */
const existingName = () => {
  const sample = random.pick(fullNames);
  return { name: sample.name, committeeId: sample.committeeId };
};
/** A committee drawn as cases are: busy committees more often. */
const someCommittee = () => random.pick(filled.sampleNames).committeeId;
const yearRange = () => {
  const start = Date.UTC(2021 + random.int(4), random.int(12), 1);
  return { from: new Date(start).toISOString(), to: new Date(start + 365 * 86_400_000).toISOString() };
};
const filteredList = (scope: ArchiveQuery['scope']): ArchiveQuery => ({
  scope,
  category: random.weighted([['neighbourhood', 3], ['family', 2], ['labour', 1], ['road-traffic', 1], ['medical', 1]] as const),
  status: random.chance(0.8) ? 'settled' : random.pick(CASE_STATUSES),
  ...yearRange(),
  sort: 'newest',
  offset: 0,
  limit: PAGE_SIZE,
});

interface Measured {
  percentiles: Percentiles;
  /** Average number of results counted, to show the queries find something. */
  averageTotal: number;
}

async function measure(name: string, makeQuery: () => Promise<ArchiveQuery> | ArchiveQuery): Promise<Measured> {
  const samples: number[] = [];
  let totals = 0;
  for (let i = 0; i < QUERIES + WARM_UP; i++) {
    const query = await makeQuery();
    const begun = performance.now();
    const page = await store.searchArchive(query, COUNT_LIMIT);
    const elapsed = performance.now() - begun;
    if (i >= WARM_UP) {
      samples.push(elapsed);
      totals += page.total;
    }
  }
  const result = { percentiles: percentiles(samples), averageTotal: Math.round(totals / QUERIES) };
  console.log(`${name.padEnd(44)} p50 ${String(result.percentiles.p50).padStart(6)} ms  p99 ${String(result.percentiles.p99).padStart(6)} ms  (${result.averageTotal} found on average)`);
  return result;
}

/** The page DEEP_PAGE of a query, or its last page when it has fewer. */
async function deepPage(query: ArchiveQuery): Promise<ArchiveQuery> {
  const { total } = await store.searchArchive(query, COUNT_LIMIT);
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  return { ...query, offset: Math.min(DEEP_PAGE - 1, lastPage) * PAGE_SIZE };
}

console.log(`\n${QUERIES} queries each (load ${load().join(' ')}):`);
const cityScope = () => ({ kind: 'region' as const, regionPath: random.pick(filled.cityPaths) });
const results = {
  nameInCommittee: await measure('name, one committee (staff)', () => {
    const { name, committeeId } = existingName();
    return { scope: { kind: 'committee', committeeId }, party: name, sort: 'newest', offset: 0, limit: PAGE_SIZE };
  }),
  nameProvinceWide: await measure('name, province-wide (administrator)', () => ({
    scope: { kind: 'region', regionPath: filled.provincePath },
    party: existingName().name,
    sort: 'newest',
    offset: 0,
    limit: PAGE_SIZE,
  })),
  listCommitteeFirst: await measure('filtered list, committee, first page', () => filteredList({ kind: 'committee', committeeId: someCommittee() })),
  listCommitteeDeep: await measure('filtered list, committee, deep page', () => deepPage(filteredList({ kind: 'committee', committeeId: someCommittee() }))),
  listCityFirst: await measure('filtered list, city administrator, first page', () => filteredList(cityScope())),
  listCityDeep: await measure('filtered list, city administrator, deep page', () => deepPage(filteredList(cityScope()))),
  // For reference, not a target: the newest of a whole province, and a category alone.
  listProvinceNewest: await measure('(province, no filter, first page)', () => ({
    scope: { kind: 'region', regionPath: filled.provincePath },
    sort: 'newest',
    offset: 0,
    limit: PAGE_SIZE,
  })),
  listCityCategory: await measure('(city, category only, deep page)', () =>
    deepPage({ scope: cityScope(), category: random.pick(DISPUTE_CATEGORIES), sort: 'newest', offset: 0, limit: PAGE_SIZE }),
  ),
};

/**
 * The statistics of a whole province over a year, as its administrator opens them (every
 * figure and chart of the page, readStatistics), on the same store: p50/p99 over QUERIES
 * runs, each year drawn from the five filled.
 */
async function measureRollUp(): Promise<Percentiles> {
  const province: Reach = { kind: 'region', regionPath: filled.provincePath };
  const samples: number[] = [];
  for (let i = 0; i < QUERIES + WARM_UP; i++) {
    const year = 2021 + random.int(5);
    const begun = performance.now();
    await readStatistics(store, province, { from: `${year}-01`, to: `${year + 1}-01` });
    if (i >= WARM_UP) samples.push(performance.now() - begun);
  }
  const result = percentiles(samples);
  console.log(`${'statistics, province, one year'.padEnd(44)} p50 ${String(result.p50).padStart(6)} ms  p99 ${String(result.p99).padStart(6)} ms`);
  return result;
}
const rollUp = await measureRollUp();

await store.close();
await postgres?.cluster.stop();
if (!options.keep && !options.reuse) fs.rmSync(dataDir, { recursive: true, force: true });
else console.log(`store kept in ${dataDir}`);

const p99 = (m: Measured) => m.percentiles.p99;
const loadAverage = load();
console.log(`\nload average ${loadAverage.join(' ')} on ${os.cpus().length} CPUs`);
console.log(
  JSON.stringify({
    bench: 'archive',
    store: postgres ? 'postgres' : 'sqlite',
    agreements: AGREEMENTS,
    cases: filled.cases,
    committees: filled.committees.length,
    fillSeconds,
    fillCpuSeconds,
    storeMiB: round(storeBytes / 2 ** 20),
    queries: QUERIES,
    ...Object.fromEntries(Object.entries(results).map(([name, m]) => [name, { ...m.percentiles, averageTotal: m.averageTotal }])),
    rollUp,
    loadAverage,
    targets: {
      searchP99At20ms: p99(results.nameInCommittee) <= TARGET_MS && p99(results.nameProvinceWide) <= TARGET_MS,
      listP99At20ms: [results.listCommitteeFirst, results.listCommitteeDeep, results.listCityFirst, results.listCityDeep].every((m) => p99(m) <= TARGET_MS),
      rollUpP99At200ms: rollUp.p99 <= ROLL_UP_TARGET_MS,
    },
  }),
);
