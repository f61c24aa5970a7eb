import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import { startPostgres, type TestPostgres } from '../support/start-postgres.js';
import { describeConcurrentWriters } from './concurrent-writers-contract.js';

/** initdb and the first start take a few seconds on a busy machine. */
const CLUSTER_START_TIMEOUT_MS = 60_000;

let cluster: TestPostgres;

beforeAll(async () => {
  cluster = await startPostgres();
}, CLUSTER_START_TIMEOUT_MS);
afterAll(async () => {
  await cluster?.stop();
});

describeConcurrentWriters('PostgreSQL', {
  async open() {
    const url = await cluster.createDatabase();
    return { store: await openPostgresStore(url), location: { kind: 'postgres', url } };
  },
  // The database goes with the cluster.
  async cleanUp() {},
});
