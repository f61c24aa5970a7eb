import type pg from 'pg';
import type { StatisticsStore } from '../statistics-store.js';

/** The statistics of cases, issued agreements and room sessions in PostgreSQL. */
export function postgresStatistics(pool: pg.Pool): StatisticsStore {
  void pool;
  return {
    readStatisticsTallies: async () => {
      throw new Error('not implemented');
    },
  };
}
