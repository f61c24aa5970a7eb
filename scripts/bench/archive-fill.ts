/**
 * Fills a fresh store's tables straight with a Yunnan-like province's archive: 16 cities,
 * about 129 counties and 1,400 townships; 4,000 committees of every kind; issued agreements
 * over five years with Chinese party names, their cases (a tenth more still open), room
 * sessions and closing dates, so that the archive and the statistics read realistic data.
 * Bulk INSERTs in large transactions, foreign keys unchecked (the rows are consistent by
 * construction), indexes and the archive's index built once at the end.
 */
import Database from 'better-sqlite3';
import { COMMITTEE_KINDS, type CaseStatus, type CommitteeKind, type DisputeCategory } from '@mediation/shared';
import { rebuildArchiveIndex, registerArchiveFunctions } from '../../server/src/store/sqlite/sqlite-archive.js';
import { COUNT_EVERYTHING } from '../../server/src/store/sqlite/statistics-migration.js';
import { Prng } from '../../test/support/fuzz/prng.js';

const CITIES = 16;
const COUNTIES = 129;
const TOWNSHIPS = 1_400;
const COMMITTEES = 4_000;
/** Cases inserted per transaction. */
const BATCH = 20_000;
const FIRST_DAY = Date.UTC(2021, 0, 1);
const DAYS = 5 * 365;
const DAY_MS = 86_400_000;

/** Common surnames, the most frequent first (several appear more than once to weigh them). */
const SURNAMES = [...'王李张刘陈杨黄赵吴周王李张刘陈杨徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国志红玉兰海燕春梅金凤晓东小龙云飞雪梅婷宇浩然子涵欣怡俊杰思远佳琪梓轩嘉怡一鸣诗雨天佑家豪晨曦若曦慧敏丽娟永强德华'];

const CATEGORY_WEIGHTS: readonly (readonly [DisputeCategory, number])[] = [
  ['neighbourhood', 30],
  ['family', 20],
  ['property-management', 10],
  ['road-traffic', 10],
  ['labour', 10],
  ['consumer', 7],
  ['medical', 5],
  ['other', 5],
  ['tourism', 3],
];
/** An industry committee's own category. */
const INDUSTRY_CATEGORY: Partial<Record<CommitteeKind, DisputeCategory>> = {
  medical: 'medical',
  'road-traffic': 'road-traffic',
  labour: 'labour',
  tourism: 'tourism',
  'property-management': 'property-management',
};
/** Where cases stand: issued agreements are settled, nearly always; open cases anywhere. */
const OPEN_STATUS_WEIGHTS: readonly (readonly [CaseStatus, number])[] = [
  ['intake', 3],
  ['scheduled', 3],
  ['in-session', 1],
  ['not-settled', 4],
  ['withdrawn', 2],
];

/**
 * Runs `fill` without the schema's secondary indexes and the archive's and statistics'
 * triggers, then builds the indexes, the archive's index (rebuildArchiveIndex) and the
 * statistics' counts once, from all the rows, and puts the triggers back: an index built once from sorted rows takes a fraction of
 * the time of a million random inserts into it. Indexes and triggers are the schema's own,
 * read from sqlite_master.
 */
function withIndexesBuiltAfter(db: Database.Database, fill: () => void): void {
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'archive%' OR name LIKE 'statistics%')`)
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  fill();
  db.transaction(() => {
    for (const { sql } of indexes) db.exec(sql);
    rebuildArchiveIndex(db);
    db.exec('DELETE FROM statistics_counts');
    db.exec(COUNT_EVERYTHING);
    for (const { sql } of triggers) db.exec(sql);
  })();
}

export interface FilledArchive {
  provincePath: string;
  cityPaths: string[];
  committees: { id: string; regionPath: string }[];
  /** A sample of the party names written (one case in 97), with the committee of each. */
  sampleNames: { name: string; committeeId: string }[];
  /** Cases written, issued or not. */
  cases: number;
}

interface Region {
  id: string;
  path: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Fills the migrated database at `file` with `agreements` issued agreements (and a tenth as many open cases). */
export function fillArchive(file: string, agreements: number, seed = 2026): FilledArchive {
  const random = new Prng(seed);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  registerArchiveFunctions(db);

  const created = '2020-12-01T00:00:00.000Z';
  const insertRegion = db.prepare('INSERT INTO regions (id, parent_id, level, name, code, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const province: Region = { id: 'r53', path: '/r53/' };
  const cities: Region[] = [];
  const counties: Region[] = [];
  const townships: Region[] = [];
  db.transaction(() => {
    insertRegion.run(province.id, null, 'province', '云南省', '530000', province.path, created);
    for (let c = 0; c < CITIES; c++) {
      const id = `r53${String(c + 1).padStart(2, '0')}`;
      const city = { id, path: `${province.path}${id}/` };
      cities.push(city);
      insertRegion.run(id, province.id, 'city', `市 ${c + 1}`, `53${String(c + 1).padStart(2, '0')}00`, city.path, created);
    }
    for (let k = 0; k < COUNTIES; k++) {
      const city = cities[k % CITIES]!;
      const id = `${city.id}${String(Math.floor(k / CITIES) + 1).padStart(2, '0')}`;
      const county = { id, path: `${city.path}${id}/` };
      counties.push(county);
      insertRegion.run(id, city.id, 'county', `县 ${k + 1}`, id.slice(1), county.path, created);
    }
    for (let t = 0; t < TOWNSHIPS; t++) {
      const county = counties[t % COUNTIES]!;
      const id = `${county.id}${String(Math.floor(t / COUNTIES) + 1).padStart(3, '0')}`;
      const township = { id, path: `${county.path}${id}/` };
      townships.push(township);
      insertRegion.run(id, county.id, 'township', `乡镇 ${t + 1}`, id.slice(1), township.path, created);
    }
  })();

  // Every township has its township committee; villages and neighbourhoods sit at townships
  // too; industry committees at counties and cities. Some committees are much busier.
  const insertCommittee = db.prepare('INSERT INTO committees (id, name, kind, region_id, region_path, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertAccount = db.prepare(
    `INSERT INTO accounts (id, role, committee_id, region_id, email, display_name, password_hash, created_at) VALUES (?, 'mediator', ?, NULL, ?, ?, 'x', ?)`,
  );
  const committees: { id: string; regionPath: string; kind: CommitteeKind; weight: number }[] = [];
  db.transaction(() => {
    for (let n = 0; n < COMMITTEES; n++) {
      let kind: CommitteeKind;
      let region: Region;
      if (n < TOWNSHIPS) [kind, region] = ['township', townships[n]!];
      else if (n < COMMITTEES - 600) [kind, region] = [random.chance(0.6) ? 'village' : 'neighbourhood', random.pick(townships)];
      else [kind, region] = [random.pick(COMMITTEE_KINDS.filter((k) => !['village', 'neighbourhood', 'township'].includes(k))), random.chance(0.8) ? random.pick(counties) : random.pick(cities)];
      const id = `m${n}`;
      committees.push({ id, regionPath: region.path, kind, weight: 0.2 + random.next() ** 3 * 5 });
      insertCommittee.run(id, `${kind} committee ${n}`, kind, region.id, region.path, created);
      insertAccount.run(`a${n}`, id, `mediator${n}@bench.example`, `调解员 ${n}`, created);
    }
  })();
  const cumulative: number[] = [];
  committees.reduce((sum, c) => (cumulative.push(sum + c.weight), sum + c.weight), 0);
  const totalWeight = cumulative.at(-1)!;
  const pickCommittee = () => {
    const target = random.next() * totalWeight;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return committees[low]!;
  };

  const nameOf = () => {
    const length = random.weighted([[2, 3], [3, 6], [4, 1]] as const);
    if (length === 4) return random.pick(COMPOUND_SURNAMES) + random.pick(GIVEN) + random.pick(GIVEN);
    return random.pick(SURNAMES) + (length === 3 ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN));
  };

  const statements = {
    case: db.prepare(
      `INSERT INTO cases (id, committee_id, case_number, title, category, created_by, created_at, waiting_room, status, region_path, scheduled_at, closed_at, outcome_note)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, '')`,
    ),
    session: db.prepare('INSERT INTO sessions (id, case_id, created_at) VALUES (?, ?, ?)'),
    participant: db.prepare(
      `INSERT INTO participants (id, session_id, case_id, display_name, role, account_id, revoked_at, created_at, contact) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, '')`,
    ),
    issued: db.prepare('INSERT INTO issued_agreements (document_number, case_id, freeze_id, pdf, pdf_sha256, issued_at) VALUES (?, ?, ?, ?, ?, ?)'),
    roomSession: db.prepare('INSERT INTO room_sessions (id, case_id, started_at, ended_at) VALUES (?, ?, ?, ?)'),
  };
  const stubPdf = Buffer.from('%PDF-1.7 stand-in');
  const sequences = new Map<string, number>();
  const caseNumbers = new Map<string, number>();
  const sampleNames: FilledArchive['sampleNames'] = [];
  const total = agreements + Math.floor(agreements / 10);

  const writeCase = (n: number) => {
    const committee = pickCommittee();
    const issued = n < agreements;
    const createdMs = FIRST_DAY + Math.floor(random.next() * DAYS * DAY_MS);
    const createdAt = iso(createdMs);
    const year = createdAt.slice(0, 4);
    const industry = INDUSTRY_CATEGORY[committee.kind];
    const category = industry && random.chance(0.85) ? industry : random.weighted(CATEGORY_WEIGHTS);
    const status: CaseStatus = issued ? (random.chance(0.97) ? 'settled' : 'not-settled') : random.weighted(OPEN_STATUS_WEIGHTS);
    const caseId = `k${n}`;
    const serial = (caseNumbers.get(committee.id + year) ?? 0) + 1;
    caseNumbers.set(committee.id + year, serial);
    const caseNumber = `(${year})滇${committee.id.slice(1).padStart(4, '0')}民调字第${serial}号`;
    const sessionId = `s${n}`;
    const mediator = `a${committee.id.slice(1)}`;
    const names = Array.from({ length: random.chance(0.2) ? 3 : 2 }, nameOf);
    if (n % 97 === 0) sampleNames.push({ name: names[0]!, committeeId: committee.id });

    statements.session.run(sessionId, caseId, createdAt);
    statements.participant.run(`p${n}m`, sessionId, caseId, `调解员 ${committee.id}`, 'mediator', mediator, createdAt);
    names.forEach((name, index) => statements.participant.run(`p${n}-${index}`, sessionId, caseId, name, index === 0 ? 'applicant' : 'respondent', null, createdAt));

    const sessionsHeld = issued || status === 'not-settled' || status === 'in-session' ? 1 + random.int(3) : 0;
    let sessionMs = createdMs + DAY_MS * (1 + random.int(10));
    for (let s = 0; s < sessionsHeld; s++) {
      const minutes = 20 + random.int(100);
      const ended = status === 'in-session' && s === sessionsHeld - 1 ? null : iso(sessionMs + minutes * 60_000);
      statements.roomSession.run(`rs${n}-${s}`, caseId, iso(sessionMs), ended);
      sessionMs += DAY_MS * (1 + random.int(14));
    }
    let closedAt: string | null = null;
    if (issued) {
      closedAt = iso(sessionMs);
      const sequence = (sequences.get(closedAt.slice(0, 4)) ?? 0) + 1;
      sequences.set(closedAt.slice(0, 4), sequence);
      const number = `MA-${closedAt.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
      statements.issued.run(number, caseId, `f${n}`, stubPdf, n.toString(16).padStart(64, '0'), closedAt);
    } else if (status === 'not-settled' || status === 'withdrawn') {
      closedAt = iso(sessionMs);
    }
    const scheduledAt = status === 'scheduled' ? iso(createdMs + DAY_MS * 7) : null;
    statements.case.run(caseId, committee.id, caseNumber, `${names[0]}与${names[1]}纠纷`, category, mediator, createdAt, status, committee.regionPath, scheduledAt, closedAt);
  };

  withIndexesBuiltAfter(db, () => {
    for (let start = 0; start < total; start += BATCH) {
      db.transaction(() => {
        for (let n = start; n < Math.min(total, start + BATCH); n++) writeCase(n);
      })();
    }
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    provincePath: province.path,
    cityPaths: cities.map((c) => c.path),
    committees: committees.map(({ id, regionPath }) => ({ id, regionPath })),
    sampleNames,
    cases: total,
  };
}
