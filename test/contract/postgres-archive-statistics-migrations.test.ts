import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVICE_ACTOR, type AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import type { ArchiveQuery } from '../../server/src/store/archive-store.js';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import type { Store } from '../../server/src/store/store.js';
import { generateArchive } from '../support/archive-fixture.js';
import { startPostgres, type TestPostgres } from '../support/start-postgres.js';

/** initdb and the first start take a few seconds on a busy machine. */
const CLUSTER_START_TIMEOUT_MS = 60_000;
const FILL_TIMEOUT_MS = 120_000;

let cluster: TestPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
}, CLUSTER_START_TIMEOUT_MS);
afterAll(async () => {
  await cluster?.stop();
});

/**
 * What the archive's and statistics' triggers keep, ids aside (identities count on their own),
 * and accesses by case: the migration numbers those already there by date, as SQLite's does.
 */
async function derivedTables(client: pg.Client) {
  const rows = async (sql: string) => (await client.query(sql)).rows;
  return {
    entries: await rows(`SELECT case_id, committee_id, region_path, case_number, title, category, status, created_at,
                                document_number, issued_at, at, parties, search::text FROM archive_entries ORDER BY case_id`),
    access: await rows('SELECT case_id, sequence, type, actor_id, document_number, method, verdict FROM archive_access ORDER BY case_id, sequence'),
    counts: await rows('SELECT scope, measure, month, key, count FROM statistics_counts WHERE count <> 0 ORDER BY scope, measure, month, key'),
    ancestors: await rows('SELECT path, ancestor_path FROM region_ancestors ORDER BY path, ancestor_path'),
  };
}

/** Removes the archive's and statistics' tables, functions and triggers, and their record as applied: a store from before them. */
async function removeArchiveAndStatistics(client: pg.Client): Promise<void> {
  await client.query('DROP TABLE archive_entries, archive_access, statistics_counts, region_ancestors CASCADE');
  const functions = await client.query<{ signature: string }>(
    `SELECT oid::regprocedure::text AS signature FROM pg_proc
     WHERE pronamespace = 'public'::regnamespace AND proname ~ '^(archive|statistics|region_ancestors)_'`,
  );
  for (const { signature } of functions.rows) await client.query(`DROP FUNCTION IF EXISTS ${signature} CASCADE`);
  await client.query(`DELETE FROM schema_migrations WHERE name LIKE 'archive-%' OR name LIKE 'statistics-%'`);
}

it('indexes and counts what a store holds when the archive and statistics migrations run, as their triggers keep it', async () => {
  const url = await cluster.createDatabase();
  let store: Store = await openPostgresStore(url);
  let hour = 0;
  const archive = await generateArchive(store, {
    count: 150,
    seed: 8,
    setStatus: async (caseId, status) => {
      const at = new Date(Date.UTC(2025, 2, 1) + ++hour * 7 * 3_600_000).toISOString();
      if (status === 'in-session' || hour % 3 === 0) await store.startRoomSession({ id: `${caseId}-room`, caseId, startedAt: at });
      if (status === 'scheduled') await store.applyDeskAction(caseId, { kind: 'schedule', at, actor: SERVICE_ACTOR, scheduledAt: at });
      if (status === 'not-settled' || status === 'withdrawn') await store.applyDeskAction(caseId, { kind: 'record-outcome', at, actor: SERVICE_ACTOR, outcome: status, note: '' });
    },
  });
  for (const c of archive.cases.filter((c) => c.documentNumber !== null).slice(0, 10)) {
    const entry: AuditEntryInput = { caseId: c.caseId, at: c.at, actor: SERVICE_ACTOR, type: 'agreement.downloaded', data: { documentNumber: c.documentNumber! } };
    await store.appendAudit(entry);
  }
  const queries: ArchiveQuery[] = [
    { scope: { kind: 'region', regionPath: archive.province.path }, sort: 'newest', offset: 0, limit: 200 },
    { scope: { kind: 'region', regionPath: archive.province.path }, party: '张伟', sort: 'case-number', offset: 0, limit: 200 },
    { scope: { kind: 'region', regionPath: archive.cities[0]!.path }, documentNumber: '1000', sort: 'oldest', offset: 0, limit: 200 },
  ];
  const searchedBefore = await Promise.all(queries.map((q) => store.searchArchive(q, 1000)));
  expect(searchedBefore[0]!.total).toBe(150);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const kept = await derivedTables(client);
    expect(kept.access).toHaveLength(10);
    await store.close();
    await removeArchiveAndStatistics(client);

    store = await openPostgresStore(url);
    expect(await derivedTables(client)).toEqual(kept);
    expect(await Promise.all(queries.map((q) => store.searchArchive(q, 1000)))).toEqual(searchedBefore);
  } finally {
    await client.end();
    await store.close();
  }
}, FILL_TIMEOUT_MS);
