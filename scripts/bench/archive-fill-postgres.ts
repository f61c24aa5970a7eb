/**
 * Copies a province filled into SQLite (archive-fill.ts) into a migrated PostgreSQL store, as
 * a restore would: the rows of the core tables in the order SQLite holds them, with the
 * triggers and foreign keys of the copying connection off (session_replication_role, which
 * needs a superuser, as the benchmark's own cluster has) and the secondary indexes built once
 * at the end; then the archive's index and the statistics counted once from all the rows,
 * as their migrations do.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { FILL_ARCHIVE_ENTRIES } from '../../server/src/store/postgres/archive-migration.js';
import { COUNT_EVERYTHING } from '../../server/src/store/postgres/statistics-migration.js';

/** Rows per INSERT: each column is sent as one array. */
const BATCH = 5_000;
/** The tables archive-fill.ts writes, parents first; regions go in with their trigger on (region_ancestors). */
const TABLES = ['committees', 'accounts', 'cases', 'sessions', 'participants', 'issued_agreements', 'room_sessions'] as const;
const DERIVED = ['archive_entries', 'archive_access', 'statistics_counts'] as const;

async function copyTable(db: Database.Database, client: pg.Client, table: string): Promise<void> {
  const types = new Map(
    (
      await client.query<{ column_name: string; type: string }>(
        `SELECT attname AS column_name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
         WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [table],
      )
    ).rows.map((r) => [r.column_name, r.type]),
  );
  const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => types.has(c));
  const insert = `INSERT INTO ${table} (${columns.join(', ')})
    SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`;
  const flush = async (rows: unknown[][]) => {
    if (rows.length > 0) await client.query(insert, columns.map((_, i) => rows.map((row) => row[i])));
  };
  let batch: unknown[][] = [];
  for (const row of db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row.map((value, i) => (types.get(columns[i]!) === 'boolean' ? value === 1 : value)));
    if (batch.length === BATCH) {
      await flush(batch);
      batch = [];
    }
  }
  await flush(batch);
}

/** Copies the SQLite file's province into the PostgreSQL store at `url` (its migrations applied, its tables empty). */
export async function copyArchiveToPostgres(sqliteFile: string, url: string): Promise<void> {
  const db = new Database(sqliteFile, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await copyTable(db, client, 'regions');
    const tables = [...TABLES, ...DERIVED];
    const indexes = (
      await client.query<{ name: string; definition: string }>(
        `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename = ANY($1)
           AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
        [tables],
      )
    ).rows;
    for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
    await client.query('SET session_replication_role = replica');
    for (const table of TABLES) await copyTable(db, client, table);
    await client.query('SET session_replication_role = DEFAULT');
    await client.query(`BEGIN; ${FILL_ARCHIVE_ENTRIES} ${COUNT_EVERYTHING} COMMIT;`);
    for (const { definition } of indexes) await client.query(definition);
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
    db.close();
  }
}
