import { defineRoutes } from '../api-route.js';
import { StatisticsCsvQuery, StatisticsQuery, StatisticsSummary } from '../statistics.js';

const TAG = 'Statistics';
const WHO =
  'Committee staff get their committee’s figures, administrators and API keys those of everything below their region, ' +
  'narrowed to one committee (committeeId) or region (regionId) within reach; a place outside it is NOT_FOUND. Mediators are refused.';

/** The statistics routes. */
export const statisticsRoutes = defineRoutes({
  getStatistics: {
    method: 'get',
    path: '/api/statistics',
    summary: 'Figures of a range of months: cases, settlement rate, agreements, median days to settlement, sessions, breakdowns.',
    description:
      `${WHO} Months are YYYY-MM in China Standard Time, the range [from, to). Cases are counted by the day they were created; ` +
      'outcomes, the settlement rate (settled among settled and not settled; withdrawn cases left out) and the median days by the day ' +
      'the case closed; agreements by the day they were issued; sessions by the day they started.',
    tag: TAG,
    auth: 'principal',
    query: StatisticsQuery,
    response: StatisticsSummary,
  },
  getStatisticsCsv: {
    method: 'get',
    path: '/api/statistics.csv',
    summary: 'One chart’s figures as CSV (UTF-8 with a byte order mark, for spreadsheets).',
    description: `${WHO} The same query as /api/statistics, and the chart to download.`,
    tag: TAG,
    auth: 'principal',
    query: StatisticsCsvQuery,
    response: { mediaType: 'text/csv' },
  },
});
