import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { Router, type Express } from 'express';
import type { Registry } from 'prom-client';
import { ErrorCode, statisticsRoutes, type ApiRouteTable } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { WorkerPool } from '../media/worker-pool.js';
import { errorHandler } from './error-handler.js';
import { agreementRoutes } from './routes/agreement-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { caseRoutes, type CaseRoutesDeps } from './routes/case-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { joinLinkRoutes } from './routes/join-link-routes.js';
import { metricsNotServed, metricsRoutes } from './routes/metrics-routes.js';
import { securityHeaders } from './security-headers.js';
import { mountApiRoutes, type RouteHandlers } from './mount-api-routes.js';
import { statisticsHandlers } from '../statistics/statistics-handlers.js';

export interface HttpAppDeps extends CaseRoutesDeps {
  workers: WorkerPool;
  metrics: Registry;
  logger: Logger;
  publicUrl: string | undefined;
  clientDistDir: string;
  /** With a token, /metrics is served here to whoever presents it; without, not at all. */
  metricsToken: string | undefined;
  /** Express's `trust proxy`: whose X-Forwarded-For names the client. */
  trustProxy: string;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());
  app.use(healthRoutes(deps.workers));
  app.use(deps.metricsToken === undefined ? metricsNotServed() : metricsRoutes(deps.metrics, deps.metricsToken));
  app.use('/api', express.json({ limit: '32kb' }), cookieParser());
  app.use('/api/auth', authRoutes(deps.store, deps.secret));
  app.use('/api/cases', caseRoutes(deps, deps.publicUrl));
  app.use('/api/join-link', joinLinkRoutes(deps.store, deps.secret));
  app.use('/api', agreementRoutes(deps.store, deps.secret));
  app.use(mountedRoutes(deps, statisticsRoutes, statisticsHandlers(deps.store)));
  app.use('/api', () => {
    throw new AppError(ErrorCode.notFound, 'No such API endpoint.');
  });
  serveClient(app, deps.clientDistDir, deps.logger);
  app.use(errorHandler(deps.logger));
  return app;
}

/** A table of routes on a router of its own, mounted at the root (the table's paths are whole). */
function mountedRoutes<T extends ApiRouteTable>(deps: HttpAppDeps, table: T, handlers: RouteHandlers<T>): Router {
  const router = Router();
  mountApiRoutes(router, { store: deps.store, secret: deps.secret }, table, handlers);
  return router;
}

/** The built Vue client, with every other path answered by its index.html (history routing). */
function serveClient(app: Express, distDir: string, logger: Logger): void {
  const indexHtml = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    logger.warn({ distDir }, 'client is not built; run `npm run build` to serve the web pages');
    return;
  }
  app.use(express.static(distDir, { index: false, maxAge: '1h' }));
  app.get(/.*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
