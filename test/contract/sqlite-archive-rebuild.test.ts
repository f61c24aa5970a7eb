import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { ArchiveQuery } from '../../server/src/store/archive-store.js';
import { rebuildArchiveIndex, registerArchiveFunctions } from '../../server/src/store/sqlite/sqlite-archive.js';
import { DATABASE_FILE, openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { Store } from '../../server/src/store/store.js';
import { generateArchive } from '../support/archive-fixture.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('rebuilds the archive index from the cases exactly as its triggers kept it', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-rebuild-'));
  made.push(dataDir);
  let store: Store = openSqliteStore(dataDir);
  const archive = await generateArchive(store, { count: 60, seed: 4 });
  const scope = { kind: 'region', regionPath: archive.province.path } as const;
  const queries: ArchiveQuery[] = [
    { scope, sort: 'newest', offset: 0, limit: 100 },
    { scope, party: '张伟', sort: 'case-number', offset: 0, limit: 100 },
    { scope, caseNumber: '003', sort: 'oldest', offset: 0, limit: 100 },
    { scope, documentNumber: '1000', sort: 'newest', offset: 0, limit: 100 },
  ];
  const before = await Promise.all(queries.map((q) => store.searchArchive(q, 1000)));
  expect(before[0]!.total).toBe(60);
  await store.close();

  const db = new Database(path.join(dataDir, DATABASE_FILE));
  registerArchiveFunctions(db);
  db.transaction(() => rebuildArchiveIndex(db))();
  db.close();

  store = openSqliteStore(dataDir);
  expect(await Promise.all(queries.map((q) => store.searchArchive(q, 1000)))).toEqual(before);
  await store.close();
});
