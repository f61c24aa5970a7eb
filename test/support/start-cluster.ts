import type { ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { ClusterKeys } from '../../server/src/cluster/cluster-keys.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, killHard, startServiceProcess } from './service-process.js';
import { startPostgres, type TestPostgres } from './start-postgres.js';
import { startRedis, type TestRedis } from './start-redis.js';
import { startTcpBalancer, type TcpBalancer } from './tcp-balancer.js';

/** The key the test nodes' secrets are kept under in PostgreSQL (32 bytes, base64). */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

export interface ClusterNode {
  id: string;
  url: string;
  port: number;
  process: ChildProcess;
}

export interface TestCluster {
  nodes: ClusterNode[];
  redis: TestRedis;
  /** The PostgreSQL cluster the nodes share, when this cluster started its own. */
  postgres: TestPostgres | undefined;
  /** The load balancer in front of every node. */
  balancer: TcpBalancer;
  /** The node whose id is `id`. */
  node(id: string): ClusterNode;
  /** The node the directory names as the room's home now, if any. */
  homeOf(roomId: string): Promise<ClusterNode | undefined>;
  /** Starts a killed or stopped node again, on the same port. */
  restart(id: string): Promise<void>;
  /** Kills a node outright (SIGKILL): no shutdown, no hand-over. */
  kill(id: string): Promise<void>;
  /** Stops a node as a deploy does (SIGTERM): it hands its rooms over first. */
  stop(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `count` service processes sharing one Redis and one PostgreSQL (`databaseUrl` when given,
 * else a cluster of its own, stopped on close), each a node of its own with a load balancer in
 * front of them all.
 */
export async function startCluster(count: number, options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<TestCluster> {
  const redis = await startRedis();
  const postgres = options.databaseUrl ? undefined : await startPostgres();
  const databaseUrl = options.databaseUrl ?? (await postgres!.createDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-cluster-'));
  const envOf = (id: string, url: string) => {
    const env: Record<string, string> = { REDIS_URL: redis.url, NODE_ID: id, NODE_URL: url };
    return { ...env, DATABASE_URL: databaseUrl, SECRETS_KEY: TEST_SECRETS_KEY, ...options.env };
  };
  const nodes: ClusterNode[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const id = `node-${String.fromCharCode(97 + index)}`;
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      // One at a time: the first creates the store's tables and the demo organisation.
      nodes.push({ id, url, port, process: await startServiceProcess(dataDir, port, envOf(id, url)) });
    }
  } catch (error) {
    for (const node of nodes) await killHard(node.process);
    await redis.stop();
    await postgres?.stop();
    throw error;
  }
  const balancer = await startTcpBalancer(nodes.map((node) => node.port));
  const directory = createClient({ url: redis.url });
  directory.on('error', () => undefined);
  await directory.connect();
  const node = (id: string) => {
    const found = nodes.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no node ${id}`);
    return found;
  };
  return {
    nodes,
    redis,
    postgres,
    balancer,
    node,
    async homeOf(roomId) {
      const id = await directory.get(ClusterKeys.roomHome(roomId));
      return nodes.find((candidate) => candidate.id === id);
    },
    kill: (id) => killHard(node(id).process),
    async restart(id) {
      const stopped = node(id);
      await killHard(stopped.process);
      stopped.process = await startServiceProcess(dataDir, stopped.port, envOf(stopped.id, stopped.url));
    },
    async stop(id) {
      const child = node(id).process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
    async close() {
      await directory.close();
      await balancer.close();
      for (const each of nodes) await killHard(each.process);
      await redis.stop();
      await postgres?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
