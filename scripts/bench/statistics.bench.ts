/**
 * Statistics at scale: fills a fresh store with `--cases` cases (200,000 unless told) spread
 * over five years and a province of 16 cities, 128 counties and 1,280 townships with 2,688
 * committees, with their outcomes, issued agreements and room sessions, through the same
 * triggers that count them in service. Then times reading the whole summary: the province's
 * last twelve months and its ten years, a city's twelve months and a committee's.
 *
 * The fill writes with its own connection in transactions of FILL_BATCH cases. The first
 * TRIGGERED_CASES go through the triggers that count them, as the service writes, which gives
 * the cost of counting per case; the rest are loaded without them and counted at once with the
 * migration's own count from scratch (a million cases through the triggers take some minutes).
 * The versions and freezes behind each issued agreement are left out (foreign keys are not
 * checked on that connection): statistics never read them, and they would only slow the fill.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CASE_STATUSES, DISPUTE_CATEGORIES, type CaseStatus } from '@mediation/shared';
import type { Reach } from '../../server/src/policy/policy.js';
import { readStatistics } from '../../server/src/statistics/read-statistics.js';
import { COUNT_EVERYTHING, STATISTICS_TRIGGERS } from '../../server/src/store/sqlite/statistics-migration.js';
import { registerArchiveFunctions } from '../../server/src/store/sqlite/sqlite-archive.js';
import { DATABASE_FILE, openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import { percentiles } from './percentiles.js';

const { values } = parseArgs({ args: process.argv.slice(3), options: { cases: { type: 'string', default: '200000' } } });
const CASES = Number(values.cases);
if (!Number.isInteger(CASES) || CASES < 1) throw new Error('--cases takes a whole number');
const CITIES = 16;
const COUNTIES_PER_CITY = 8;
const TOWNSHIPS_PER_COUNTY = 10;
const COMMITTEES_PER_TOWNSHIP = 2;
const FILL_BATCH = 20_000;
const TRIGGERED_CASES = 20_000;
const WARMUP = 20;
const RUNS = 200;
const TARGET_P99_MS = 200;
/** Cases are created over these five years (UTC); the longest takes this long to close. */
const FIRST_DAY = Date.parse('2021-01-01T00:00:00Z');
const LAST_DAY = Date.parse('2026-01-01T00:00:00Z');
const LONGEST_CASE_DAYS = 90;
const DAY_MS = 86_400_000;
const round = (value: number) => Math.round(value * 100) / 100;

/** A fixed sequence of pseudo-random numbers in [0, 1) (mulberry32), so every run fills the same store. */
let seed = 20250101;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Where cases end up: half settled, a fifth not settled, some withdrawn, the rest still open. */
function statusOf(draw: number): CaseStatus {
  if (draw < 0.5) return 'settled';
  if (draw < 0.7) return 'not-settled';
  if (draw < 0.75) return 'withdrawn';
  if (draw < 0.85) return 'intake';
  return draw < 0.95 ? 'scheduled' : 'in-session';
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statistics-bench-'));
const store = openSqliteStore(dataDir);
const db = new Database(path.join(dataDir, DATABASE_FILE));
// The archive's triggers on cases and participants call these.
registerArchiveFunctions(db);
// better-sqlite3 checks foreign keys unless told not to; see above.
db.pragma('foreign_keys = OFF');
const iso = (ms: number) => new Date(ms).toISOString();

// The province.
const region = db.prepare('INSERT INTO regions (id, parent_id, level, name, code, path, created_at) VALUES (?, ?, ?, ?, \'\', ?, ?)');
const committee = db.prepare('INSERT INTO committees (id, name, kind, region_id, region_path, created_at) VALUES (?, ?, ?, ?, ?, ?)');
const committees: { id: string; path: string }[] = [];
const cityPaths: string[] = [];
const at = iso(FIRST_DAY);
db.transaction(() => {
  region.run('province', null, 'province', 'Province', '/province/', at);
  for (let c = 0; c < CITIES; c++) {
    const city = `/province/city-${c}/`;
    cityPaths.push(city);
    region.run(`city-${c}`, 'province', 'city', `City ${c}`, city, at);
    for (let k = 0; k < COUNTIES_PER_CITY; k++) {
      const county = `${city}county-${c}-${k}/`;
      region.run(`county-${c}-${k}`, `city-${c}`, 'county', `County ${c}-${k}`, county, at);
      committee.run(`medical-${c}-${k}`, `Medical ${c}-${k}`, 'medical', `county-${c}-${k}`, county, at);
      committees.push({ id: `medical-${c}-${k}`, path: county });
      for (let t = 0; t < TOWNSHIPS_PER_COUNTY; t++) {
        const township = `${county}township-${c}-${k}-${t}/`;
        region.run(`township-${c}-${k}-${t}`, `county-${c}-${k}`, 'township', `Township ${c}-${k}-${t}`, township, at);
        for (let m = 0; m < COMMITTEES_PER_TOWNSHIP; m++) {
          const id = `committee-${c}-${k}-${t}-${m}`;
          committee.run(id, `Committee ${c}-${k}-${t}-${m}`, 'village', `township-${c}-${k}-${t}`, township, at);
          committees.push({ id, path: township });
        }
      }
    }
  }
  db.prepare(
    `INSERT INTO accounts (id, role, committee_id, email, display_name, password_hash, created_at) VALUES ('bench-mediator', 'mediator', ?, 'bench@example.com', 'Bench', 'x', ?)`,
  ).run(committees[0]!.id, at);
})();

// The cases, their agreements and their sessions.
const insertCase = db.prepare(
  `INSERT INTO cases (id, committee_id, case_number, title, category, created_by, created_at, region_path, status, closed_at)
   VALUES (?, ?, ?, '', ?, 'bench-mediator', ?, ?, ?, ?)`,
);
const insertAgreement = db.prepare(`INSERT INTO issued_agreements (document_number, case_id, freeze_id, pdf, pdf_sha256, issued_at) VALUES (?, ?, ?, x'00', '', ?)`);
const insertSession = db.prepare('INSERT INTO room_sessions (id, case_id, started_at) VALUES (?, ?, ?)');
const fillBatch = db.transaction((first: number, last: number) => {
  for (let i = first; i < last; i++) {
    const place = pick(committees);
    const created = FIRST_DAY + Math.floor(random() * (LAST_DAY - FIRST_DAY));
    const status = statusOf(random());
    const open = status === 'intake' || status === 'scheduled' || status === 'in-session';
    const closed = open ? null : created + Math.floor(random() * LONGEST_CASE_DAYS * DAY_MS);
    const id = `case-${i}`;
    insertCase.run(id, place.id, String(i), pick(DISPUTE_CATEGORIES), iso(created), place.path, status, closed === null ? null : iso(closed));
    if (status === 'settled') insertAgreement.run(`No-${i}`, id, `freeze-${i}`, iso(closed!));
    if (status !== 'intake') insertSession.run(`session-${i}`, id, iso(created + DAY_MS));
  }
});
const fill = (first: number, last: number) => {
  for (let batch = first; batch < last; batch += FILL_BATCH) fillBatch(batch, Math.min(last, batch + FILL_BATCH));
};
const triggered = Math.min(CASES, TRIGGERED_CASES);
let started = performance.now();
fill(0, triggered);
const triggeredCasesPerSecond = Math.round(triggered / ((performance.now() - started) / 1000));
started = performance.now();
const triggerNames = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'statistics%'").pluck().all() as string[];
for (const name of triggerNames) db.exec(`DROP TRIGGER ${name}`);
fill(triggered, CASES);
const loadSeconds = round((performance.now() - started) / 1000);
started = performance.now();
db.transaction(() => {
  db.exec('DELETE FROM statistics_counts');
  db.exec(COUNT_EVERYTHING);
  db.exec(STATISTICS_TRIGGERS);
})();
const countSeconds = round((performance.now() - started) / 1000);
const countRows = db.prepare('SELECT count(*) FROM statistics_counts').pluck().get() as number;
db.close();

async function time(reach: Reach, range: { from: string; to: string }) {
  for (let i = 0; i < WARMUP; i++) await readStatistics(store, reach, range);
  const samples: number[] = [];
  let cases = 0;
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    cases = (await readStatistics(store, reach, range)).cases;
    samples.push(performance.now() - started);
  }
  const { p50, p99, max } = percentiles(samples);
  return { p50Ms: p50, p99Ms: p99, maxMs: max, cases };
}

const lastYear = { from: '2025-01', to: '2026-01' };
const province: Reach = { kind: 'region', regionPath: '/province/' };
const provinceYear = await time(province, lastYear);
const provinceTenYears = await time(province, { from: '2016-01', to: '2026-01' });
const cityYear = await time({ kind: 'region', regionPath: cityPaths[0]! }, lastYear);
const busiestId = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
  .prepare('SELECT committee_id FROM cases GROUP BY committee_id ORDER BY count(*) DESC LIMIT 1')
  .pluck()
  .get() as string;
const busiest = committees.find((c) => c.id === busiestId)!;
const committeeYear = await time({ kind: 'committee', committeeId: busiest.id, regionPath: busiest.path }, lastYear);
await store.close();
const sizeMB = round(fs.statSync(path.join(dataDir, DATABASE_FILE)).size / 1e6);
fs.rmSync(dataDir, { recursive: true, force: true });

const worstRollUpP99 = Math.max(provinceYear.p99Ms, provinceTenYears.p99Ms, cityYear.p99Ms);
const targets = { rollUpP99At200ms: worstRollUpP99 <= TARGET_P99_MS };
const line = (name: string, t: Awaited<ReturnType<typeof time>>) =>
  console.log(`  ${name.padEnd(28)} p50 ${t.p50Ms} ms  p99 ${t.p99Ms} ms  max ${t.maxMs} ms  (${t.cases} cases)`);
console.log(`\nstatistics of ${CASES} cases (${committees.length} committees, ${CASE_STATUSES.length} statuses), ${RUNS} reads each after ${WARMUP} warm-up`);
console.log(`  written through the counting triggers: ${triggeredCasesPerSecond} cases/s with their agreements and sessions (first ${triggered})`);
console.log(`  the rest loaded in ${loadSeconds} s and counted from scratch in ${countSeconds} s: ${countRows} counts, database ${sizeMB} MB`);
line('province, last 12 months', provinceYear);
line('province, 10 years', provinceTenYears);
line('city, last 12 months', cityYear);
line('committee, last 12 months', committeeYear);
console.log(`  target: a roll-up's p99 at most ${TARGET_P99_MS} ms: ${targets.rollUpP99At200ms ? 'met' : 'NOT met'}`);
console.log(JSON.stringify({ benchmark: 'statistics', cases: CASES, committees: committees.length, triggeredCasesPerSecond, loadSeconds, countSeconds, countRows, sizeMB, provinceYear, provinceTenYears, cityYear, committeeYear, targets }));
