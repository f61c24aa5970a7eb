import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import type { Store } from '../../server/src/store/store.js';
import { startPostgres, type TestPostgres } from '../support/start-postgres.js';
import { describeStoreContract } from './store-contract.js';

/** initdb and the first start take a few seconds on a busy machine. */
const CLUSTER_START_TIMEOUT_MS = 60_000;

let cluster: TestPostgres;
const databases = new Map<Store, string>();

beforeAll(async () => {
  cluster = await startPostgres();
}, CLUSTER_START_TIMEOUT_MS);
afterAll(async () => {
  await cluster?.stop();
});

describeStoreContract('PostgreSQL', {
  async open() {
    const url = await cluster.createDatabase();
    const store = await openPostgresStore(url);
    databases.set(store, url);
    return store;
  },
  async reopen(store) {
    const url = databases.get(store)!;
    databases.delete(store);
    await store.close();
    const reopened = await openPostgresStore(url);
    databases.set(reopened, url);
    return reopened;
  },
  // Each store has a database of its own in the cluster, which goes with the cluster.
  async cleanUp() {
    databases.clear();
  },
});
