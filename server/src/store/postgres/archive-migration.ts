/** The archive's index in PostgreSQL: its tables and the triggers that keep it, applied after the core schema. */
export const ARCHIVE_MIGRATIONS: string[] = [];
