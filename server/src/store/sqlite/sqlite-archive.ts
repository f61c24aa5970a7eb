import type Database from 'better-sqlite3';
import { numberIndexText, numberPhrase, numberQueryProblem, partyNameIndexText, partyNamePhrase, partyQueryProblem } from '@mediation/shared';
import type { ArchiveAccessRecord, ArchiveEntry, ArchivePage, ArchiveQuery, ArchiveStore } from '../archive-store.js';
import { pathRangeEnd } from './sqlite-organisation.js';

type Row = Record<string, unknown>;

/**
 * The SQL functions the archive's triggers index with: a JSON array of party names, or a
 * number, in; the index text out. Registered on every connection before the migrations run.
 */
export function registerArchiveFunctions(db: Database.Database): void {
  db.function('archive_party_tokens', { deterministic: true }, (names: unknown) =>
    partyNameIndexText(typeof names === 'string' ? (JSON.parse(names) as string[]) : []),
  );
  db.function('archive_number_tokens', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? numberIndexText(value) : ''));
}

/**
 * Builds the archive's index anew from the cases, their parties and agreements, as the
 * archive's triggers keep it: for a bulk load made without the triggers (a restore, the
 * benchmark's fill), which then costs one pass instead of a trigger per row. FTS5 flushes
 * its pending terms at every statement savepoint, so a million trigger-driven inserts write
 * a million tiny segments; one INSERT … SELECT writes a few large ones. Run it in a
 * transaction of its own.
 */
export function rebuildArchiveIndex(db: Database.Database): void {
  db.exec(`
    DELETE FROM archive_search;
    DELETE FROM archive_entries;
    INSERT INTO archive_entries (case_id, committee_id, region_path, case_number, title, category, status, created_at, document_number, issued_at, at, parties)
      SELECT cases.id, cases.committee_id, cases.region_path, cases.case_number, cases.title, cases.category, cases.status, cases.created_at,
             issued.document_number, issued.issued_at, COALESCE(issued.issued_at, cases.created_at),
             (SELECT json_group_array(display_name ORDER BY rowid) FROM participants
               WHERE participants.case_id = cases.id AND role IN ('applicant', 'respondent'))
      FROM cases LEFT JOIN issued_agreements AS issued ON issued.case_id = cases.id;
    INSERT INTO archive_search (rowid, names, case_number, document_number)
      SELECT entry_id, archive_party_tokens(parties), archive_number_tokens(case_number), archive_number_tokens(document_number) FROM archive_entries;
  `);
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

  const searchArchive = db.transaction((query: ArchiveQuery, countLimit: number): ArchivePage => {
    const plan = planOf(query);
    // One pass gathers every match with its sort key, up to the count limit: a page is cut
    // from them. Only when more match is the page read in order by SQLite, the whole way.
    const matches = prepared(`SELECT e.entry_id, ${sortKeyOf(query.sort)} ${plan.from} WHERE ${plan.where} LIMIT @countLimit`)
      .raw()
      .all({ ...plan.params, countLimit: countLimit + 1 }) as [number, string][];
    let ids: number[];
    if (matches.length <= countLimit) {
      const descending = query.sort === 'newest' ? -1 : 1;
      matches.sort(([idA, keyA], [idB, keyB]) => descending * (keyA < keyB ? -1 : keyA > keyB ? 1 : idA - idB));
      ids = matches.slice(query.offset, query.offset + query.limit).map(([id]) => id);
    } else {
      const ordered = plan.walk ?? plan;
      ids = prepared(`SELECT e.entry_id ${ordered.from} WHERE ${ordered.where} ORDER BY ${orderOf(query.sort)} LIMIT @limit OFFSET @offset`)
        .pluck()
        .all({ ...ordered.params, limit: query.limit, offset: query.offset }) as number[];
    }
    const rows = ids.length === 0 ? [] : (prepared(PAGE_ROWS).all(JSON.stringify(ids)) as Row[]);
    const byId = new Map(rows.map((r) => [r.entry_id as number, r]));
    return {
      total: Math.min(matches.length, countLimit),
      totalCapped: matches.length > countLimit,
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

/** The paths of the regions of a subtree: the places its entries can sit at. */
const REGIONS_UNDER = 'SELECT path FROM regions WHERE path >= @pathFrom AND path < @pathTo';

function sortKeyOf(sort: ArchiveQuery['sort']): string {
  return sort === 'case-number' ? 'e.case_number' : 'e.at';
}

/** The order of a sort, ties broken by entry (as the in-memory sort does). */
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
 * - with text to find: the full-text matches first (a name has tens to a few thousand in
 *   a province), then each looked up and checked against the scope and filters;
 * - a committee's archive (hundreds to a few thousand entries): its range of the committee
 *   index, every condition checked on it;
 * - a region with a category and a status: that slice of the region by the index that
 *   starts with them;
 * - any other region query: the region's range, or, when more match than the count limit,
 *   the index of the sort walked until the page is full.
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
  const search = searchExpression(query);
  if (search !== undefined) params.search = search;
  const matches = 'SELECT rowid FROM archive_search WHERE archive_search MATCH @search';

  // The unary + keeps SQLite from reading an index of the scope once the matches are in hand.
  const scope =
    query.scope.kind === 'committee'
      ? ['+e.committee_id = @committeeId']
      : ['+e.region_path >= @pathFrom', '+e.region_path < @pathTo'];
  if (query.scope.kind === 'committee') params.committeeId = query.scope.committeeId;
  else Object.assign(params, { pathFrom: query.scope.regionPath, pathTo: pathRangeEnd(query.scope.regionPath) });
  if (search !== undefined) {
    const where = [...scope, ...filters.map((f) => `+${f}`)].join(' AND ');
    return { from: `FROM (${matches}) AS hit CROSS JOIN archive_entries AS e ON e.entry_id = hit.rowid`, where, params };
  }
  if (query.scope.kind === 'committee') {
    const where = ['e.committee_id = @committeeId', ...filters].join(' AND ');
    return { from: 'FROM archive_entries AS e INDEXED BY archive_by_committee', where, params };
  }
  const where = ['e.region_path >= @pathFrom AND e.region_path < @pathTo', ...filters].join(' AND ');
  // With dates, each region of the subtree is its own range of dates in the index: one seek
  // per region and only the entries of those dates read, not every date of the subtree.
  const byDate = query.from !== undefined || query.to !== undefined;
  const regionsAndDates = [`e.region_path IN (${REGIONS_UNDER})`, ...filters].join(' AND ');
  if (query.category !== undefined && query.status !== undefined) {
    return { from: 'FROM archive_entries AS e INDEXED BY archive_by_category_status', where: byDate ? regionsAndDates : where, params };
  }
  const walkIndex = query.sort === 'case-number' ? 'archive_by_case_number' : 'archive_by_date';
  return {
    from: 'FROM archive_entries AS e INDEXED BY archive_by_region',
    where: byDate ? regionsAndDates : where,
    params,
    walk: { from: `FROM archive_entries AS e INDEXED BY ${walkIndex}`, where, params },
  };
}

/**
 * The full-text expression of a query's text conditions (a party's name, a case number, a
 * document number, or text that may be any of them), all of which must hold; undefined
 * when there are none. Each part is built from the text's tokens, quoted, so nothing the
 * user typed is read as query syntax.
 */
function searchExpression(query: ArchiveQuery): string | undefined {
  const parts: string[] = [];
  if (query.party !== undefined) parts.push(`names : ${partyNamePhrase(query.party)}`);
  if (query.caseNumber !== undefined) parts.push(`case_number : ${numberPhrase(query.caseNumber)}`);
  if (query.documentNumber !== undefined) parts.push(`document_number : ${numberPhrase(query.documentNumber)}`);
  if (query.text !== undefined) {
    // A single Han character is no name, and a single digit no number: whichever it can be
    // (neither: a token no text has, so nothing matches).
    const either: string[] = [];
    if (partyQueryProblem(query.text) === null) either.push(`names : ${partyNamePhrase(query.text)}`);
    if (numberQueryProblem(query.text) === null) either.push(`{case_number document_number} : ${numberPhrase(query.text)}`);
    parts.push(either.length === 0 ? '"§§"' : `(${either.join(' OR ')})`);
  }
  return parts.length === 0 ? undefined : parts.map((part) => `(${part})`).join(' AND ');
}
