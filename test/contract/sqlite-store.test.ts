import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { Store } from '../../server/src/store/store.js';
import { describeStoreContract } from './store-contract.js';

const directories = new Map<Store, string>();
const made: string[] = [];

describeStoreContract('SQLite', {
  async open() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-contract-'));
    made.push(dataDir);
    const store = openSqliteStore(dataDir);
    directories.set(store, dataDir);
    return store;
  },
  async reopen(store) {
    const dataDir = directories.get(store)!;
    await store.close();
    const reopened = openSqliteStore(dataDir);
    directories.set(reopened, dataDir);
    return reopened;
  },
  async cleanUp() {
    for (const dataDir of made.splice(0)) fs.rmSync(dataDir, { recursive: true, force: true });
  },
});
