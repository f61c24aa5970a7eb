import type pg from 'pg';
import type { KeyCounts, PlaceTallies, StatisticsScope, StatisticsStore, StatisticsTallies } from '../statistics-store.js';

/** The scope column of statistics_counts (statistics-migration.ts) for a place. */
function scopeOf(scope: StatisticsScope): string {
  return scope.kind === 'region' ? scope.regionPath : `committee:${scope.committeeId}`;
}

/** The counts of the scope ($1) in the months from $2 to $3, `measures` among them, as `counts`. */
const countsOf = (measures: string) => `
  SELECT measure, key, month, count FROM statistics_counts
  WHERE scope = $1 AND measure IN (${measures}) AND month >= $2 AND month < $3`;

/** Each place's totals (a JSON array), `place` giving each place's id, name and scope; by name as SQLite orders text. */
const placeTallies = (place: string) => `
  SELECT coalesce(json_agg(tallies ORDER BY tallies.name, tallies.id), '[]') FROM (
    SELECT place.id, place.name,
      coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'created'), 0) AS cases,
      coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'closed' AND counts.key = 'settled'), 0) AS settled,
      coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'closed' AND counts.key = 'not-settled'), 0) AS "notSettled",
      coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'agreements'), 0) AS "agreementsIssued",
      coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'sessions'), 0) AS "sessionsHeld"
    FROM (${place}) AS place
    LEFT JOIN statistics_counts AS counts ON counts.scope = place.scope
      AND counts.measure IN ('created', 'closed', 'agreements', 'sessions')
      AND counts.month >= $2 AND counts.month < $3
    GROUP BY place.id, place.name
  ) AS tallies`;

/** The figures of a scope as JSON arrays, in one statement: one snapshot of the counts. */
const TALLIES = `
  SELECT
    (SELECT coalesce(json_agg(totals), '[]') FROM (
      SELECT measure, key, sum(count) AS count FROM (${countsOf(`'created', 'status', 'closed', 'agreements', 'sessions'`)}) AS counts
      GROUP BY measure, key) AS totals) AS totals,
    (SELECT coalesce(json_agg(months), '[]') FROM (
      SELECT month, sum(count) AS count FROM (${countsOf(`'created'`)}) AS counts
      GROUP BY month) AS months) AS months,
    (SELECT coalesce(json_agg(settled ORDER BY settled.days), '[]') FROM (
      SELECT key::integer AS days, sum(count) AS cases FROM (${countsOf(`'settled-days'`)}) AS counts
      GROUP BY key::integer HAVING sum(count) > 0) AS settled) AS days`;

/** A region's figures, with its child regions' and the committees' at the region itself. */
const REGION_TALLIES = `
  SELECT tallies.*,
    (${placeTallies(`SELECT id, name, path AS scope FROM regions WHERE parent_id = (SELECT id FROM regions WHERE path = $1)`)}) AS child_regions,
    (${placeTallies(`SELECT id, name, 'committee:' || id AS scope FROM committees WHERE region_path = $1`)}) AS committees_at_region
  FROM (${TALLIES}) AS tallies`;

interface TalliesRow {
  totals: { measure: string; key: string; count: number }[];
  months: { month: string; count: number }[];
  days: { days: number; cases: number }[];
  child_regions?: PlaceTallies[];
  committees_at_region?: PlaceTallies[];
}

/**
 * Statistics read from the roll-up the triggers of statistics-migration.ts keep: each figure
 * is a sum over (months × keys) rows of one scope, all read by one statement, so that they
 * see one state.
 */
export function postgresStatistics(pool: pg.Pool): StatisticsStore {
  return {
    readStatisticsTallies: async (scope, months) => {
      const { rows } = await pool.query<TalliesRow>(scope.kind === 'region' ? REGION_TALLIES : TALLIES, [scopeOf(scope), months.from, months.to]);
      const row = rows[0]!;
      const tallies: StatisticsTallies = {
        createdByCategory: {},
        createdByMonth: {},
        createdByStatus: {},
        closedByOutcome: {},
        settledByDays: row.days,
        agreementsIssued: 0,
        sessionsHeld: 0,
        childRegions: row.child_regions ?? [],
        committeesAtRegion: row.committees_at_region ?? [],
      };
      const byMeasure: Record<string, KeyCounts> = {
        created: tallies.createdByCategory,
        status: tallies.createdByStatus,
        closed: tallies.closedByOutcome,
      };
      for (const { measure, key, count } of row.totals) {
        if (count === 0) continue;
        if (measure === 'agreements') tallies.agreementsIssued = count;
        else if (measure === 'sessions') tallies.sessionsHeld = count;
        else byMeasure[measure]![key] = count;
      }
      for (const { month, count } of row.months) {
        if (count > 0) tallies.createdByMonth[month] = count;
      }
      return tallies;
    },
  };
}
