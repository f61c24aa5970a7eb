import type Database from 'better-sqlite3';
import type { KeyCounts, MonthRange, PlaceTallies, StatisticsScope, StatisticsStore, StatisticsTallies } from '../statistics-store.js';

/** The scope column of statistics_counts (statistics-migration.ts) for a place. */
function scopeOf(scope: StatisticsScope): string {
  return scope.kind === 'region' ? scope.regionPath : `committee:${scope.committeeId}`;
}

/** One place's totals from statistics_counts, `place` giving each place's id, name and scope. */
const placeTallies = (place: string) => `
  SELECT place.id AS id, place.name AS name,
    coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'created'), 0) AS cases,
    coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'closed' AND counts.key = 'settled'), 0) AS settled,
    coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'closed' AND counts.key = 'not-settled'), 0) AS notSettled,
    coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'agreements'), 0) AS agreementsIssued,
    coalesce(sum(counts.count) FILTER (WHERE counts.measure = 'sessions'), 0) AS sessionsHeld
  FROM (${place}) AS place
  LEFT JOIN statistics_counts AS counts ON counts.scope = place.scope
    AND counts.measure IN ('created', 'closed', 'agreements', 'sessions')
    AND counts.month >= @from AND counts.month < @to
  GROUP BY place.id
  ORDER BY place.name, place.id`;

/**
 * Statistics read from the roll-up the triggers of statistics-migration.ts keep: each figure
 * is a sum over (months × keys) rows of one scope. The reads run one after another on the
 * one connection, with no write between them, so they see one state.
 */
export function sqliteStatistics(db: Database.Database): StatisticsStore {
  const s = {
    totals: db.prepare(
      `SELECT measure, key, sum(count) AS count FROM statistics_counts
       WHERE scope = @scope AND measure IN ('created', 'status', 'closed', 'agreements', 'sessions')
         AND month >= @from AND month < @to
       GROUP BY measure, key`,
    ),
    months: db.prepare(
      `SELECT month, sum(count) AS count FROM statistics_counts
       WHERE scope = @scope AND measure = 'created' AND month >= @from AND month < @to
       GROUP BY month`,
    ),
    days: db.prepare(
      `SELECT CAST(key AS INTEGER) AS days, sum(count) AS cases FROM statistics_counts
       WHERE scope = @scope AND measure = 'settled-days' AND month >= @from AND month < @to
       GROUP BY days HAVING cases > 0 ORDER BY days`,
    ),
    childRegions: db.prepare(
      placeTallies(`SELECT id, name, path AS scope FROM regions WHERE parent_id = (SELECT id FROM regions WHERE path = @scope)`),
    ),
    committeesAtRegion: db.prepare(placeTallies(`SELECT id, name, 'committee:' || id AS scope FROM committees WHERE region_path = @scope`)),
  };

  const read = (scope: StatisticsScope, months: MonthRange): StatisticsTallies => {
    const params = { scope: scopeOf(scope), from: months.from, to: months.to };
    const tallies: StatisticsTallies = {
      createdByCategory: {},
      createdByMonth: {},
      createdByStatus: {},
      closedByOutcome: {},
      settledByDays: s.days.all(params) as { days: number; cases: number }[],
      agreementsIssued: 0,
      sessionsHeld: 0,
      childRegions: scope.kind === 'region' ? (s.childRegions.all(params) as PlaceTallies[]) : [],
      committeesAtRegion: scope.kind === 'region' ? (s.committeesAtRegion.all(params) as PlaceTallies[]) : [],
    };
    const byMeasure: Record<string, KeyCounts> = {
      created: tallies.createdByCategory,
      status: tallies.createdByStatus,
      closed: tallies.closedByOutcome,
    };
    for (const { measure, key, count } of s.totals.all(params) as { measure: string; key: string; count: number }[]) {
      if (count === 0) continue;
      if (measure === 'agreements') tallies.agreementsIssued = count;
      else if (measure === 'sessions') tallies.sessionsHeld = count;
      else byMeasure[measure]![key] = count;
    }
    for (const { month, count } of s.months.all(params) as { month: string; count: number }[]) {
      if (count > 0) tallies.createdByMonth[month] = count;
    }
    return tallies;
  };

  return {
    readStatisticsTallies: async (scope, months) => read(scope, months),
  };
}
