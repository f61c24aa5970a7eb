import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Registry } from 'prom-client';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { errorHandler } from './error-handler.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { securityHeaders } from './security-headers.js';

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * A listener that serves only /metrics, on an address of the operator's choosing
 * (METRICS_HOST, loopback by default), so the scraper reaches it and the public does not.
 * A configured token is asked for here too.
 */
export async function startMetricsListener(
  host: string,
  port: number,
  metrics: Registry,
  token: string | undefined,
  logger: Logger,
): Promise<MetricsListener> {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(metricsRoutes(metrics, token));
  app.use(() => {
    throw new AppError(ErrorCode.notFound, 'Only /metrics is served here.');
  });
  app.use(errorHandler(logger));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  logger.info({ url }, 'metrics listening');
  return {
    url,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
