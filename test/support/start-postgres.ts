import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './service-process.js';
import { waitUntil } from './headless-participant.js';

export interface TestPostgres {
  /** `postgres://…` of the cluster's own database, for DATABASE_URL. */
  url: string;
  port: number;
  /** A fresh, empty database in the cluster, and its URL. */
  createDatabase(): Promise<string>;
  /** Stops the cluster at once (as a crash would, `immediate`) and starts it again on the same port and files. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'mediation';
const START_DEADLINE_MS = 30_000;

/** Debian keeps each major version's programs under /usr/lib/postgresql/<major>/bin. */
function postgresBin(program: string): string {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const file = path.join(root, major, 'bin', program);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${program} is not installed (apt-get install postgresql)`);
}

/**
 * PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user. The
 * programs run as that user directly (not through runuser), so a signal reaches postgres itself.
 */
function clusterOwner(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = ownerIds();
  return { uid, gid };
}

/**
 * A throwaway PostgreSQL cluster made with Debian's postgresql package in a temporary folder,
 * listening on 127.0.0.1 on a free port (trust authentication: nothing else can reach it),
 * for tests that need a real PostgreSQL; `stop` removes it.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postgres-'));
  const dataDir = path.join(dir, 'data');
  const owner = clusterOwner();
  if ('uid' in owner) fs.chownSync(dir, owner.uid, owner.gid);
  const init = spawnSync(postgresBin('initdb'), ['-D', dataDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N'], {
    encoding: 'utf8',
    cwd: dir,
    ...owner,
  });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr}`);
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${dir}`,
      // A test cluster: speed over surviving a power cut of the machine (a crash of the server still loses nothing).
      '-c', 'fsync=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=300',
    ];
    let output = '';
    const started = spawn(postgresBin('postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, ...owner });
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    await waitUntil(async () => {
      if (started.exitCode !== null) throw new Error(`postgres exited while starting:\n${output}`);
      const client = new pg.Client({ host: '127.0.0.1', port, user: USER, database: 'postgres' });
      try {
        await client.connect();
        await client.end();
        return true;
      } catch {
        await client.end().catch(() => undefined);
        return false;
      }
    }, START_DEADLINE_MS);
  };
  const halt = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, recovery on the next start.
    running.kill('SIGQUIT');
    await gone;
  };

  await start();
  let databases = 0;
  const url = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  return {
    url: url('postgres'),
    port,
    async createDatabase() {
      const name = `store_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async restart() {
      await halt();
      await start();
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ownerIds(): [number, number] {
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('there is no postgres user (apt-get install postgresql)');
  return [Number(id.stdout.trim()), Number(group.stdout.trim())];
}
