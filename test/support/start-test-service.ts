import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/src/config/config.js';
import { createLogger } from '../../server/src/logging/logger.js';
import { startService, type Service, type ServiceHooks } from '../../server/src/service.js';

export interface TestService extends Service {
  config: Config;
  dataDir: string;
  /** Closes the service and removes its data directory. */
  stop(): Promise<void>;
}

export const TEST_MEDIATOR = { email: 'mediator@test.example', password: 'correct horse battery staple' };

/** The real service on a random port, with one real media worker and a fresh data directory. */
export async function startTestService(env: Record<string, string> = {}, hooks: ServiceHooks = {}): Promise<TestService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-test-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MEDIASOUP_WORKERS: '1',
    MEDIASOUP_LISTEN_IP: '127.0.0.1',
    RTC_PORT: '0',
    DEMO_MEDIATOR_EMAIL: TEST_MEDIATOR.email,
    DEMO_MEDIATOR_PASSWORD: TEST_MEDIATOR.password,
    ...env,
  });
  const service = await startService(config, createLogger(config.logLevel), hooks);
  return {
    ...service,
    config,
    dataDir,
    async stop() {
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
