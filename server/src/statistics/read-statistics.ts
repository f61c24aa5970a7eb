import {
  CASE_STATUSES,
  CaseStatus,
  DISPUTE_CATEGORIES,
  MAX_STATISTICS_COMMITTEES,
  monthsBetween,
  type PlaceFigures,
  type StatisticsSummary,
} from '@mediation/shared';
import type { Reach } from '../policy/policy.js';
import type { MonthRange, PlaceTallies, StatisticsScope } from '../store/statistics-store.js';
import type { Store } from '../store/store.js';
import { medianOfCounts } from './median-of-counts.js';

/** Settled among settled and not settled; withdrawn cases are no outcome of mediation. Null when there were neither. */
export function settlementRate(settled: number, notSettled: number): number | null {
  return settled + notSettled === 0 ? null : settled / (settled + notSettled);
}

/** A region's id is the last part of its path (`/<root>/…/<id>/`). */
export function regionIdOfPath(path: string): string {
  return path.split('/').at(-2) ?? '';
}

const figuresOf = (place: PlaceTallies): PlaceFigures => ({ ...place, settlementRate: settlementRate(place.settled, place.notSettled) });

/**
 * The statistics of a place within reach over a range of months, as the API gives them:
 * every category, month and status with its count (zeros included), the settlement rate and
 * the median days to settlement, and a region's breakdown into its child regions and the
 * committees at it (the busiest MAX_STATISTICS_COMMITTEES of these).
 */
export async function readStatistics(store: Store, reach: Reach, range: MonthRange): Promise<StatisticsSummary> {
  const scope: StatisticsScope = reach.kind === 'committee' ? reach : { kind: 'region', regionPath: reach.regionPath };
  const [tallies, place] = await Promise.all([store.readStatisticsTallies(scope, range), placeOf(store, reach)]);
  const outcome = (status: CaseStatus) => tallies.closedByOutcome[status] ?? 0;
  const committees = tallies.committeesAtRegion.map(figuresOf).sort((a, b) => b.cases - a.cases);
  return {
    from: range.from,
    to: range.to,
    place,
    cases: Object.values(tallies.createdByCategory).reduce((sum, count) => sum + count, 0),
    settled: outcome(CaseStatus.settled),
    notSettled: outcome(CaseStatus.notSettled),
    withdrawn: outcome(CaseStatus.withdrawn),
    settlementRate: settlementRate(outcome(CaseStatus.settled), outcome(CaseStatus.notSettled)),
    medianDaysToSettlement: medianOfCounts(tallies.settledByDays.map(({ days, cases }) => ({ value: days, count: cases }))),
    agreementsIssued: tallies.agreementsIssued,
    sessionsHeld: tallies.sessionsHeld,
    byCategory: DISPUTE_CATEGORIES.map((category) => ({ category, cases: tallies.createdByCategory[category] ?? 0 })),
    byMonth: monthsBetween(range.from, range.to).map((month) => ({ month, cases: tallies.createdByMonth[month] ?? 0 })),
    byStatus: CASE_STATUSES.map((status) => ({ status, cases: tallies.createdByStatus[status] ?? 0 })),
    byRegion: tallies.childRegions.map(figuresOf),
    byCommittee: committees.slice(0, MAX_STATISTICS_COMMITTEES),
    committeesNotListed: Math.max(0, committees.length - MAX_STATISTICS_COMMITTEES),
  };
}

async function placeOf(store: Store, reach: Reach): Promise<StatisticsSummary['place']> {
  if (reach.kind === 'committee') {
    const committee = await store.findCommittee(reach.committeeId);
    return { kind: 'committee', id: reach.committeeId, name: committee?.name ?? '' };
  }
  const id = regionIdOfPath(reach.regionPath);
  const region = await store.findRegion(id);
  return { kind: 'region', id, name: region?.name ?? '' };
}
