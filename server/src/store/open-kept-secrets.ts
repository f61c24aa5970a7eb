import pg from 'pg';
import type { Config } from '../config/config.js';
import { restrictCertificateFiles } from '../signing/certificates/certificate-files.js';
import { FileKeptSecrets } from './files/file-kept-secrets.js';
import type { KeptSecrets } from './kept-secrets.js';
import { PostgresKeptSecrets } from './postgres/postgres-kept-secrets.js';

/**
 * Where the install's secrets are kept: plain data, so that the issuing thread can be told
 * too and open the same secrets itself.
 */
export type KeptSecretsConfig = Pick<Config, 'dataDir'> & Partial<Pick<Config, 'databaseUrl' | 'secretsKey'>>;

export interface OpenedKeptSecrets {
  secrets: KeptSecrets;
  /** Ends the connections opened for the secrets: none when they were given a pool. */
  close(): Promise<void>;
}

/**
 * Connections of a pool the secrets open for themselves: secrets are read at start and once
 * per agreement issued, one query at a time.
 */
const OWN_POOL_CONNECTIONS = 2;
/** An own pool's connection left idle this long is closed: issuing comes in bursts, hours apart. */
const OWN_POOL_IDLE_MS = 30_000;

/**
 * The files of the data directory, unless a database is configured: then the database's
 * table, through `pool` when the store has one, or else through a small pool of their own.
 */
export async function openKeptSecrets(config: KeptSecretsConfig, pool: pg.Pool | undefined): Promise<OpenedKeptSecrets> {
  if (!config.databaseUrl) {
    // An older install left its root certificate and certificates folder readable by others.
    await restrictCertificateFiles(config.dataDir);
    return { secrets: new FileKeptSecrets(config.dataDir), close: async () => {} };
  }
  if (!config.secretsKey) throw new Error('SECRETS_KEY is required with DATABASE_URL');
  const key = Buffer.from(config.secretsKey);
  if (pool) return { secrets: new PostgresKeptSecrets(pool, key), close: async () => {} };
  const own = new pg.Pool({
    connectionString: config.databaseUrl,
    max: OWN_POOL_CONNECTIONS,
    idleTimeoutMillis: OWN_POOL_IDLE_MS,
    allowExitOnIdle: true,
  });
  // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool; the next
  // query opens another and reports any failure to its caller. Unheard, the event would
  // end the process.
  own.on('error', () => undefined);
  return { secrets: new PostgresKeptSecrets(own, key), close: () => own.end() };
}
