import { ErrorCode, type StatisticsQuery, type statisticsRoutes } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { RouteHandlers } from '../http/mount-api-routes.js';
import { authorizeStatistics, type Principal, type Reach } from '../policy/policy.js';
import type { Store } from '../store/store.js';
import { readStatistics } from './read-statistics.js';
import { statisticsCsv } from './statistics-csv.js';

/**
 * Whose figures: the caller's reach, narrowed to the committee or region asked for. The role
 * is checked before the place is looked up, so a mediator is FORBIDDEN whatever they name.
 */
async function reachOf(store: Store, principal: Principal, query: Pick<StatisticsQuery, 'committeeId' | 'regionId'>): Promise<Reach> {
  authorizeStatistics(principal);
  if (query.committeeId !== undefined) {
    const committee = await store.findCommittee(query.committeeId);
    if (!committee) throw new AppError(ErrorCode.notFound, 'No such committee.');
    return authorizeStatistics(principal, { committee });
  }
  if (query.regionId !== undefined) {
    const region = await store.findRegion(query.regionId);
    if (!region) throw new AppError(ErrorCode.notFound, 'No such region.');
    return authorizeStatistics(principal, { region });
  }
  return authorizeStatistics(principal);
}

export function statisticsHandlers(store: Store): RouteHandlers<typeof statisticsRoutes> {
  return {
    getStatistics: async ({ principal, query }) => readStatistics(store, await reachOf(store, principal, query), query),
    getStatisticsCsv: async ({ principal, query, res }) => {
      const summary = await readStatistics(store, await reachOf(store, principal, query), query);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="statistics-${query.chart}-${query.from}-${query.to}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(statisticsCsv(summary, query.chart, query.language));
    },
  };
}
