/** Where figures are counted: a region and everything below it, or one committee. */
export type StatisticsScope = { kind: 'region'; regionPath: string } | { kind: 'committee'; committeeId: string };

/** Months 'YYYY-MM' (China Standard Time), `from` included, `to` not. */
export interface MonthRange {
  from: string;
  to: string;
}

/** How many of each key: a category, a status, an outcome. Keys with none are left out. */
export type KeyCounts = Record<string, number>;

/** One place's totals in a breakdown. */
export interface PlaceTallies {
  id: string;
  name: string;
  /** Created in the range. */
  cases: number;
  /** Closed in the range as settled, as not settled. */
  settled: number;
  notSettled: number;
  agreementsIssued: number;
  sessionsHeld: number;
}

/** What is counted of a scope over a range; read-statistics.ts makes the summary of it. */
export interface StatisticsTallies {
  /** Cases created in the range, by dispute category. */
  createdByCategory: KeyCounts;
  /** Cases created in each month of the range that had any. */
  createdByMonth: KeyCounts;
  /** The cases created in the range, by their status now. */
  createdByStatus: KeyCounts;
  /** Cases closed in the range, by outcome (settled, not-settled, withdrawn). */
  closedByOutcome: KeyCounts;
  /** Cases settled in the range, by whole days from intake to settlement, fewest days first. */
  settledByDays: { days: number; cases: number }[];
  /** Agreements issued in the range. */
  agreementsIssued: number;
  /** Room sessions started in the range. */
  sessionsHeld: number;
  /** A region's child regions, each with everything below it, by name. Empty for a committee. */
  childRegions: PlaceTallies[];
  /** The committees at a region itself (not in a child region), by name. Empty for a committee. */
  committeesAtRegion: PlaceTallies[];
}

/**
 * Statistics of the cases, issued agreements and room sessions, kept up to date as they are
 * written.
 *
 * Guarantees: a read sees one consistent state (every write before it, none half done); a
 * case is counted in the month of its creation and, once closed, in the month it closed,
 * whatever its status went through before; an agreement in the month it was issued, a room
 * session in the month it started. A read costs what the number of months and places asked
 * for costs, not what the number of cases does.
 */
export interface StatisticsStore {
  readStatisticsTallies(scope: StatisticsScope, months: MonthRange): Promise<StatisticsTallies>;
}
