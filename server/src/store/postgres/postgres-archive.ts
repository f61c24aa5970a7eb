import type pg from 'pg';
import type { ArchiveStore } from '../archive-store.js';

/** The committee portal's archive in PostgreSQL. */
export function postgresArchive(pool: pg.Pool): ArchiveStore {
  void pool;
  return {
    searchArchive: async () => {
      throw new Error('not implemented');
    },
    listArchiveAccess: async () => {
      throw new Error('not implemented');
    },
  };
}
