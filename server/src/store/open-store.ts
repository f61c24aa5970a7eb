import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { openPostgresStore } from './postgres/open-postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** The store the configuration names: PostgreSQL shared by every node (DATABASE_URL), or the embedded SQLite file in DATA_DIR. */
export function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>, logger: Logger): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl, logger) : Promise.resolve(openSqliteStore(config.dataDir, logger));
}
