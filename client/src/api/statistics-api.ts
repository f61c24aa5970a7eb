import { statisticsRoutes, type StatisticsChart, type StatisticsSummary } from '@mediation/shared';
import type { Locale } from '../i18n/locales';
import { requestJson } from './request-json';

/** The range and place of a statistics request, as the query string carries them. */
export interface StatisticsRequest {
  from: string;
  to: string;
  committeeId?: string;
  regionId?: string;
}

function queryOf(request: StatisticsRequest, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...request, ...extra }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new URLSearchParams(entries).toString();
}

export function fetchStatistics(request: StatisticsRequest): Promise<StatisticsSummary> {
  return requestJson<StatisticsSummary>(`${statisticsRoutes.getStatistics.path}?${queryOf(request)}`);
}

/** Where a chart's CSV downloads from (the session cookie goes with a same-origin link). */
export function statisticsCsvUrl(request: StatisticsRequest, chart: StatisticsChart, language: Locale): string {
  return `${statisticsRoutes.getStatisticsCsv.path}?${queryOf(request, { chart, language })}`;
}
