import { loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { startService } from './service.js';

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
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
