/** The statistics roll-up in PostgreSQL: its tables and the triggers that keep it, applied after the archive's. */
export const STATISTICS_MIGRATIONS: string[] = [];
