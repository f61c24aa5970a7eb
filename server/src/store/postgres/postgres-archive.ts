import type pg from 'pg';
import type { ArchiveAccessRecord, ArchiveEntry, ArchiveQuery, ArchiveStore } from '../archive-store.js';
import { pathRangeEnd } from '../sqlite/sqlite-organisation.js';
import { archiveSearchCondition } from './archive-search-query.js';

type Row = Record<string, unknown>;

const toEntry = (r: Row): ArchiveEntry => ({
  caseId: r.case_id as string,
  caseNumber: r.case_number as string,
  title: r.title as string,
  category: r.category as ArchiveEntry['category'],
  status: r.status as ArchiveEntry['status'],
  committeeId: r.committee_id as string,
  committeeName: (r.committee_name as string | null) ?? '',
  regionPath: r.region_path as string,
  parties: r.parties as string[],
  documentNumber: (r.document_number as string | null) ?? null,
  issuedAt: (r.issued_at as string | null) ?? null,
  createdAt: r.created_at as string,
});

const toAccess = (r: Row): ArchiveAccessRecord => ({
  accessId: Number(r.access_id),
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

/** Numbered parameters of one statement: each value added gives its placeholder. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The sort key of a sort, and its order with ties broken by entry (as SQLite's store breaks them). */
function orderOf(sort: ArchiveQuery['sort']): { key: string; direction: 'ASC' | 'DESC' } {
  switch (sort) {
    case 'newest':
      return { key: 'at', direction: 'DESC' };
    case 'oldest':
      return { key: 'at', direction: 'ASC' };
    case 'case-number':
      return { key: 'case_number', direction: 'ASC' };
  }
}

/**
 * The conditions of a query on the entries `e`: its scope, filters and text. A region with
 * dates and no text names each region of its subtree, so that the region index is read as one
 * range of dates per region rather than every date of the subtree.
 */
function conditionsOf(query: ArchiveQuery, search: string | undefined, parameters: Parameters): string[] {
  const conditions: string[] = [];
  if (query.scope.kind === 'committee') {
    conditions.push(`e.committee_id = ${parameters.add(query.scope.committeeId)}`);
  } else {
    const from = parameters.add(query.scope.regionPath);
    const to = parameters.add(pathRangeEnd(query.scope.regionPath));
    const byDate = search === undefined && (query.from !== undefined || query.to !== undefined);
    conditions.push(
      byDate
        ? `e.region_path = ANY (ARRAY(SELECT path FROM regions WHERE path >= ${from} AND path < ${to}))`
        : `e.region_path >= ${from} AND e.region_path < ${to}`,
    );
  }
  if (query.category !== undefined) conditions.push(`e.category = ${parameters.add(query.category)}`);
  if (query.status !== undefined) conditions.push(`e.status = ${parameters.add(query.status)}`);
  if (query.from !== undefined) conditions.push(`e.at >= ${parameters.add(query.from)}`);
  if (query.to !== undefined) conditions.push(`e.at < ${parameters.add(query.to)}`);
  if (search !== undefined) conditions.push(`e.search @@ ${parameters.add(search)}::tsquery`);
  return conditions;
}

/**
 * The archive in PostgreSQL: the index the triggers of archive-migration.ts keep, read as
 * SQLite's store reads it (sqlite-archive.ts), in one statement and so one snapshot. It
 * gathers the matches with their sort keys up to the count limit (a name's matches through
 * the GIN index, a committee's or region's through theirs) and cuts the page from them; only
 * when more match is the page read in the order of the sort over the whole query, which a
 * walk of the sort's index stops early.
 */
export function postgresArchive(pool: pg.Pool): ArchiveStore {
  return {
    searchArchive: async (query, countLimit) => {
      const condition = archiveSearchCondition(query);
      if (condition.kind === 'nothing-matches') return { total: 0, totalCapped: false, entries: [] };
      const parameters = new Parameters();
      const where = conditionsOf(query, condition.kind === 'tsquery' ? condition.text : undefined, parameters).join(' AND ');
      const { key, direction } = orderOf(query.sort);
      const order = `sort_key ${direction}, entry_id ${direction}`;
      const countLimitParameter = parameters.add(countLimit);
      const gathered = parameters.add(countLimit + 1);
      const page = `LIMIT ${parameters.add(query.limit)} OFFSET ${parameters.add(query.offset)}`;
      const { rows } = await pool.query(
        `WITH matches AS MATERIALIZED (
           SELECT e.entry_id, e.${key} AS sort_key FROM archive_entries AS e WHERE ${where} LIMIT ${gathered}
         ),
         counted AS (SELECT count(*)::integer AS total FROM matches),
         page AS (
           (SELECT entry_id, sort_key FROM matches WHERE (SELECT total FROM counted) <= ${countLimitParameter} ORDER BY ${order} ${page})
           UNION ALL
           (SELECT e.entry_id, e.${key} AS sort_key FROM archive_entries AS e
            WHERE (SELECT total FROM counted) > ${countLimitParameter} AND ${where} ORDER BY ${order} ${page})
         )
         SELECT counted.total, shown.*
         FROM counted LEFT JOIN (
           SELECT page.sort_key, e.entry_id, e.case_id, e.case_number, e.title, e.category, e.status, e.committee_id,
                  committees.name AS committee_name, e.region_path, e.parties, e.document_number, e.issued_at, e.created_at
           FROM page JOIN archive_entries AS e ON e.entry_id = page.entry_id
           LEFT JOIN committees ON committees.id = e.committee_id
         ) AS shown ON true
         ORDER BY ${order}`,
        parameters.values,
      );
      const total = rows[0]!.total as number;
      return {
        total: Math.min(total, countLimit),
        totalCapped: total > countLimit,
        entries: rows.filter((r) => r.entry_id !== null).map(toEntry),
      };
    },
    listArchiveAccess: async ({ scope, caseId, type, beforeAccessId, limit }) => {
      const parameters = new Parameters();
      const conditions =
        scope.kind === 'committee'
          ? [`a.committee_id = ${parameters.add(scope.committeeId)}`]
          : [`a.region_path >= ${parameters.add(scope.regionPath)} AND a.region_path < ${parameters.add(pathRangeEnd(scope.regionPath))}`];
      if (caseId !== undefined) conditions.push(`a.case_id = ${parameters.add(caseId)}`);
      if (type !== undefined) conditions.push(`a.type = ${parameters.add(type)}`);
      if (beforeAccessId !== undefined) conditions.push(`a.access_id < ${parameters.add(beforeAccessId)}`);
      const { rows } = await pool.query(
        `SELECT a.*, e.case_number FROM archive_access AS a LEFT JOIN archive_entries AS e ON e.case_id = a.case_id
         WHERE ${conditions.join(' AND ')} ORDER BY a.access_id DESC LIMIT ${parameters.add(limit)}`,
        parameters.values,
      );
      return rows.map(toAccess);
    },
  };
}
