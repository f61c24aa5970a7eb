import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/src/store/store.js';
import { storeWithCase, TEST_CASE_ID } from '../support/store-with-case.js';

const removals: (() => void)[] = [];

afterEach(() => {
  for (const remove of removals.splice(0)) remove();
});

async function freshStore(): Promise<{ store: Store; dataDir: string }> {
  const created = await storeWithCase();
  removals.push(created.remove);
  return created;
}

/** The write-ahead log's first salt, which SQLite changes each time the log starts over. */
function walSalt(dataDir: string): string {
  const header = Buffer.alloc(32);
  const file = fs.openSync(path.join(dataDir, 'mediation.sqlite-wal'), 'r');
  try {
    fs.readSync(file, header, 0, 32, 0);
  } finally {
    fs.closeSync(file);
  }
  return header.subarray(16, 20).toString('hex');
}

describe('the store’s write-ahead log', () => {
  it('is copied into the database and starts over while document changes keep coming', async () => {
    const { store, dataDir } = await freshStore();
    const update = new Uint8Array(200).fill(7);
    const saltAtStart = walSalt(dataDir);
    // About a thousand changes a second, as live drafting in a hundred rooms sends them.
    const deadline = Date.now() + 20_000;
    let changes = 0;
    while (walSalt(dataDir) === saltAtStart && Date.now() < deadline) {
      for (let n = 0; n < 5; n++) await store.appendDocumentUpdate(TEST_CASE_ID, 'notes', update);
      changes += 5;
      await sleep(5);
    }
    expect(walSalt(dataDir)).not.toBe(saltAtStart);
    await store.close();

    const db = new Database(path.join(dataDir, 'mediation.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT COUNT(*) AS count FROM document_updates').get() as { count: number };
    db.close();
    expect(stored.count).toBe(changes);
  });

  it('is left fully copied when the store closes', async () => {
    const { store, dataDir } = await freshStore();
    for (let n = 0; n < 100; n++) await store.appendDocumentUpdate(TEST_CASE_ID, 'notes', new Uint8Array([n]));
    await store.close();
    expect(fs.existsSync(path.join(dataDir, 'mediation.sqlite-wal'))).toBe(false);
  });
});
