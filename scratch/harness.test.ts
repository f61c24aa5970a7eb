import { test, expect } from 'vitest';
import pg from 'pg';
import { startPostgres } from '../test/support/start-postgres.js';
import { startRedis } from '../test/support/start-redis.js';
test('harness', async () => {
  const postgres = await startPostgres();
  const url = await postgres.createDatabase();
  const c = new pg.Client({ connectionString: url }); await c.connect();
  await c.query('CREATE TABLE t (x int)'); await c.query('INSERT INTO t VALUES (1)'); await c.end();
  await postgres.restart();
  const d = new pg.Client({ connectionString: url }); await d.connect();
  expect((await d.query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(1); await d.end();
  await postgres.stop();
  const redis = await startRedis(); await redis.restart(); await redis.stop();
}, 60000);
