import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { startService } from './service.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
// A promise rejected where nobody waits for it is a bug to log, never a reason to drop every room.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'a rejection nobody handled'));
const service = await startService(config, logger);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
