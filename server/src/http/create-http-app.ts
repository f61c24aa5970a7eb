import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { Router, type Express } from 'express';
import type { Registry } from 'prom-client';
import {
  agreementRoutes,
  apiDocsRoutes,
  archiveRoutes,
  authRoutes,
  deskRoutes,
  ErrorCode,
  joinLinkRoutes,
  organisationRoutes,
  platformRoutes,
  statisticsRoutes,
} from '@mediation/shared';
import { archiveHandlers } from '../archive/archive-handlers.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { WorkerPool } from '../media/worker-pool.js';
import type { PrepareCommitteeCredentials } from '../organisation/create-committee.js';
import { errorHandler } from './error-handler.js';
import { mountApiRoutes } from './mount-api-routes.js';
import { agreementRouteHandlers } from './routes/agreement-routes.js';
import { apiDocsRouteHandlers } from './routes/api-docs-route-handlers.js';
import { authRouteHandlers } from './routes/auth-routes.js';
import { deskHandlers, type DeskDeps } from './routes/desk-handlers.js';
import { healthRoutes, type NodeHealth } from './routes/health-routes.js';
import { joinLinkRouteHandlers } from './routes/join-link-routes.js';
import { metricsNotServed, metricsRoutes } from './routes/metrics-routes.js';
import { organisationRouteHandlers } from './routes/organisation-route-handlers.js';
import { platformRouteHandlers } from './routes/platform-route-handlers.js';
import { securityHeaders } from './security-headers.js';
import { statisticsHandlers } from '../statistics/statistics-handlers.js';

export interface HttpAppDeps extends DeskDeps {
  workers: WorkerPool;
  metrics: Registry;
  logger: Logger;
  publicUrl: string | undefined;
  clientDistDir: string;
  /** With a token, /metrics is served here to whoever presents it; without, not at all. */
  metricsToken: string | undefined;
  /** The node's load and its view of Redis and the store, for /healthz. */
  health: NodeHealth;
  /** Express's `trust proxy`: whose X-Forwarded-For names the client. */
  trustProxy: string;
  /** Has a committee created over the API get its signing key and certificate. */
  prepareCommitteeCredentials: PrepareCommitteeCredentials;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());
  app.use(healthRoutes(deps.workers, deps.health));
  app.use(deps.metricsToken === undefined ? metricsNotServed() : metricsRoutes(deps.metrics, deps.metricsToken));
  app.use('/api', express.json({ limit: '32kb' }), cookieParser());
  app.use(accessApi(deps));
  app.use(deskApi(deps));
  app.use(organisationApi(deps));
  app.use(statisticsApi(deps));
  app.use(platformApi(deps));
  app.use(archiveApi(deps));
  app.use('/api', () => {
    throw new AppError(ErrorCode.notFound, 'No such API endpoint.');
  });
  serveClient(app, deps.clientDistDir, deps.logger);
  app.use(errorHandler(deps.logger));
  return app;
}

/** The routes of the organisation's administration, mounted from their shared table. */
function organisationApi(deps: HttpAppDeps): Router {
  const router = Router();
  mountApiRoutes(router, deps, organisationRoutes, organisationRouteHandlers(deps));
  return router;
}

/** The mediator's desk. */
function deskApi(deps: HttpAppDeps): Router {
  const router = Router();
  mountApiRoutes(router, deps, deskRoutes, deskHandlers(deps));
  return router;
}

/** Signing in, join links, the issued agreement and its verification, and the API's own description. */
function accessApi(deps: HttpAppDeps): Router {
  const router = Router();
  mountApiRoutes(router, deps, authRoutes, authRouteHandlers(deps.store, deps.secret));
  mountApiRoutes(router, deps, joinLinkRoutes, joinLinkRouteHandlers(deps.store, deps.secret));
  mountApiRoutes(router, deps, agreementRoutes, agreementRouteHandlers(deps.store, deps.secret));
  mountApiRoutes(router, deps, apiDocsRoutes, apiDocsRouteHandlers());
  return router;
}

/** Statistics of a committee or of everything below a region. */
function statisticsApi(deps: HttpAppDeps): Router {
  const router = Router();
  mountApiRoutes(router, deps, statisticsRoutes, statisticsHandlers(deps.store));
  return router;
}

/** The API for other platforms, by API key. */
function platformApi(deps: HttpAppDeps): Router {
  const router = Router();
  mountApiRoutes(router, deps, platformRoutes, platformRouteHandlers(deps));
  return router;
}

/** The committee portal's archive. */
function archiveApi(deps: HttpAppDeps): Router {
  const router = Router();
  mountApiRoutes(router, deps, archiveRoutes, archiveHandlers(deps.store));
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
