import type Database from 'better-sqlite3';
import { partyNameIndexText, partyNamePhrase, partyQueryProblem } from '@mediation/shared';
import type { ArchiveAccessRecord, ArchiveEntry, ArchiveQuery, ArchiveStore } from '../archive-store.js';
import { pathRangeEnd } from './sqlite-organisation.js';

type Row = Record<string, unknown>;

/**
 * Matches of a region's archive sorted in memory at most; above it, the index of the sort
 * is walked instead and a page stops once it is full. Sorting 10,000 index entries takes
 * about 3 ms; walking the date index of a province where most entries match, a page's worth.
 */
const SORTED_IN_MEMORY = 10_000;

/** The trigram index finds a number by three characters or more; shorter ones only as a whole. */
const MIN_NUMBER_SUBSTRING = 3;

/**
 * The SQL function the archive's triggers index party names with (a JSON array of names
 * in, the index text out). Registered on every connection before the migrations run.
 */
export function registerArchiveFunctions(db: Database.Database): void {
  db.function('archive_party_tokens', { deterministic: true }, (names: unknown) =>
    partyNameIndexText(typeof names === 'string' ? (JSON.parse(names) as string[]) : []),
  );
}

const toEntry = (r: Row): ArchiveEntry => ({
  caseId: r.case_id as string,
  caseNumber: r.case_number as string,
  title: r.title as string,
  category: r.category as ArchiveEntry['category'],
  status: r.status as ArchiveEntry['status'],
  committeeId: r.committee_id as string,
  committeeName: (r.committee_name as string | null) ?? '',
  regionPath: r.region_path as string,
  parties: JSON.parse(r.parties as string) as string[],
  documentNumber: (r.document_number as string | null) ?? null,
  issuedAt: (r.issued_at as string | null) ?? null,
  createdAt: r.created_at as string,
});

const toAccess = (r: Row): ArchiveAccessRecord => ({
  accessId: r.access_id as number,
  caseId: r.case_id as string,
  caseNumber: (r.case_number as string | null) ?? '',
  sequence: r.sequence as number,
  at: r.at as string,
  type: r.type as ArchiveAccessRecord['type'],
  actorId: r.actor_id as string,
  actorName: r.actor_name as string,
  actorRole: r.actor_role as string,
  ip: r.ip as string,
  documentNumber: r.document_number as string,
  method: (r.method as string | null) ?? null,
  verdict: (r.verdict as string | null) ?? null,
});

/** A trigram phrase: the text as one quoted string (its quotes doubled), so none of it is query syntax. */
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The archive in SQLite: the index the triggers of the archive migration keep, read by one
 * of four plans chosen from the query (see searchArchive), each bounded by its matches.
 */
export function sqliteArchive(db: Database.Database): ArchiveStore {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  const searchArchive = db.transaction((query: ArchiveQuery, countLimit: number) => {
    const plan = planOf(query);
    const count = prepared(`SELECT count(*) AS n FROM (SELECT 1 ${plan.from} WHERE ${plan.where} LIMIT @countLimit)`).get({
      ...plan.params,
      countLimit: countLimit + 1,
    }) as { n: number };
    const totalCapped = count.n > countLimit;
    const walk = plan.walk && (totalCapped || count.n > SORTED_IN_MEMORY) ? plan.walk : plan;
    const ids = prepared(`SELECT e.entry_id ${walk.from} WHERE ${walk.where} ORDER BY ${orderOf(query.sort)} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...walk.params, limit: query.limit, offset: query.offset }) as number[];
    const rows = ids.length === 0 ? [] : (prepared(PAGE_ROWS).all(JSON.stringify(ids)) as Row[]);
    const byId = new Map(rows.map((r) => [r.entry_id as number, r]));
    return {
      total: Math.min(count.n, countLimit),
      totalCapped,
      entries: ids.map((id) => toEntry(byId.get(id)!)),
    };
  });

  return {
    searchArchive: async (query, countLimit) => searchArchive(query, countLimit),
    listArchiveAccess: async ({ scope, caseId, type, beforeAccessId, limit }) => {
      const conditions: string[] = [];
      const params: Record<string, unknown> = { limit };
      if (scope.kind === 'committee') {
        conditions.push('a.committee_id = @committeeId');
        params.committeeId = scope.committeeId;
      } else {
        conditions.push('a.region_path >= @pathFrom AND a.region_path < @pathTo');
        Object.assign(params, { pathFrom: scope.regionPath, pathTo: pathRangeEnd(scope.regionPath) });
      }
      if (caseId !== undefined) {
        conditions.push('a.case_id = @caseId');
        params.caseId = caseId;
      }
      if (type !== undefined) {
        conditions.push('a.type = @type');
        params.type = type;
      }
      if (beforeAccessId !== undefined) {
        conditions.push('a.access_id < @before');
        params.before = beforeAccessId;
      }
      const sql = `SELECT a.*, e.case_number FROM archive_access AS a LEFT JOIN archive_entries AS e ON e.case_id = a.case_id
        WHERE ${conditions.join(' AND ')} ORDER BY a.access_id DESC LIMIT @limit`;
      return (prepared(sql).all(params) as Row[]).map(toAccess);
    },
  };
}

/** The page's rows, with their committee's name, for the ids a plan chose (a JSON array). */
const PAGE_ROWS = `
  SELECT e.*, committees.name AS committee_name
  FROM json_each(?) AS page
  CROSS JOIN archive_entries AS e ON e.entry_id = page.value
  LEFT JOIN committees ON committees.id = e.committee_id`;

function orderOf(sort: ArchiveQuery['sort']): string {
  switch (sort) {
    case 'newest':
      return 'e.at DESC, e.entry_id DESC';
    case 'oldest':
      return 'e.at, e.entry_id';
    case 'case-number':
      return 'e.case_number, e.entry_id';
  }
}

interface Plan {
  /** `FROM …` naming the entries `e`, and the index it reads them by. */
  from: string;
  where: string;
  params: Record<string, unknown>;
  /** For a region without text: the same query read in the order of the sort, for when most entries match. */
  walk?: Plan;
}

/**
 * How a query is read:
 * - a committee's archive (hundreds to a few thousand entries): its range of the committee
 *   index, every condition checked on it, names by their full-text match;
 * - a region with text to find: the full-text matches first (names, numbers), then each
 *   looked up and checked against the region and filters; a number shorter than a trigram
 *   by its whole value;
 * - a region with a category and a status: that slice of the region by the index that
 *   starts with them;
 * - any other region query: the region's range, or, when more match than sort quickly, the
 *   index of the sort walked until the page is full.
 * Each plan names its index, so the plan does not depend on the statistics SQLite holds.
 */
function planOf(query: ArchiveQuery): Plan {
  const params: Record<string, unknown> = {};
  const filters: string[] = [];
  if (query.category !== undefined) {
    filters.push('e.category = @category');
    params.category = query.category;
  }
  if (query.status !== undefined) {
    filters.push('e.status = @status');
    params.status = query.status;
  }
  if (query.from !== undefined) {
    filters.push('e.at >= @from');
    params.from = query.from;
  }
  if (query.to !== undefined) {
    filters.push('e.at < @to');
    params.to = query.to;
  }
  const texts = textConditions(query, params);

  if (query.scope.kind === 'committee') {
    params.committeeId = query.scope.committeeId;
    const where = ['e.committee_id = @committeeId', ...filters, ...texts.map((t) => t.inline)].join(' AND ');
    return { from: 'FROM archive_entries AS e INDEXED BY archive_by_committee', where, params };
  }

  params.pathFrom = query.scope.regionPath;
  params.pathTo = pathRangeEnd(query.scope.regionPath);
  // The unary + keeps SQLite from reading the region's own index once the matches are in hand.
  const region = 'e.region_path >= @pathFrom AND e.region_path < @pathTo';
  if (texts.length > 0) {
    const matches = texts.map((t) => t.matches).join(' INTERSECT ');
    const where = ['+e.region_path >= @pathFrom', '+e.region_path < @pathTo', ...filters.map((f) => `+${f}`)].join(' AND ');
    return { from: `FROM (${matches}) AS hit CROSS JOIN archive_entries AS e ON e.entry_id = hit.entry_id`, where, params };
  }
  const where = [region, ...filters].join(' AND ');
  if (query.category !== undefined && query.status !== undefined) {
    return { from: 'FROM archive_entries AS e INDEXED BY archive_by_category_status', where, params };
  }
  const walkIndex = query.sort === 'case-number' ? 'archive_by_case_number' : 'archive_by_date';
  return {
    from: 'FROM archive_entries AS e INDEXED BY archive_by_region',
    where,
    params,
    walk: { from: `FROM archive_entries AS e INDEXED BY ${walkIndex}`, where, params },
  };
}

/** A text condition two ways: checked on an entry in hand, or as the set of entry ids matching it. */
interface TextCondition {
  inline: string;
  matches: string;
}

function textConditions(query: ArchiveQuery, params: Record<string, unknown>): TextCondition[] {
  const conditions: TextCondition[] = [];
  const names = (param: string): TextCondition => ({
    inline: `e.entry_id IN (SELECT rowid FROM archive_party_index WHERE archive_party_index MATCH @${param})`,
    matches: `SELECT rowid AS entry_id FROM archive_party_index WHERE archive_party_index MATCH @${param}`,
  });
  const numbers = (param: string, columns: ('case_number' | 'document_number')[], value: string): TextCondition => {
    if ([...value].length < MIN_NUMBER_SUBSTRING) {
      params[param] = value;
      return {
        inline: `(${columns.map((c) => `e.${c} = @${param}`).join(' OR ')})`,
        matches: columns.map((c) => `SELECT entry_id FROM archive_entries WHERE ${c} = @${param}`).join(' UNION '),
      };
    }
    params[param] = value.toLowerCase();
    params[`${param}Phrase`] = `{${columns.join(' ')}} : ${quoted(value)}`;
    return {
      inline: `(${columns.map((c) => `instr(lower(e.${c}), @${param}) > 0`).join(' OR ')})`,
      matches: `SELECT rowid AS entry_id FROM archive_number_index WHERE archive_number_index MATCH @${param}Phrase`,
    };
  };

  if (query.party !== undefined) {
    params.party = partyNamePhrase(query.party);
    conditions.push(names('party'));
  }
  if (query.caseNumber !== undefined) conditions.push(numbers('caseNumber', ['case_number'], query.caseNumber));
  if (query.documentNumber !== undefined) conditions.push(numbers('documentNumber', ['document_number'], query.documentNumber));
  if (query.text !== undefined) {
    // Any of a name, a case number or a document number; a single Han character is no name.
    const number = numbers('text', ['case_number', 'document_number'], query.text);
    if (partyQueryProblem(query.text) === null) {
      params.textName = partyNamePhrase(query.text);
      const name = names('textName');
      conditions.push({ inline: `(${name.inline} OR ${number.inline})`, matches: `${name.matches} UNION ${number.matches}` });
    } else {
      conditions.push(number);
    }
  }
  return conditions;
}
