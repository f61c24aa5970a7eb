import { agreementRoutes } from './routes/agreement-routes.js';
import { apiDocsRoutes } from './routes/api-docs-routes.js';
import { archiveRoutes } from './routes/archive-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { deskRoutes } from './routes/desk-routes.js';
import { joinLinkRoutes } from './routes/join-link-routes.js';
import { organisationRoutes } from './routes/organisation-routes.js';
import { platformRoutes } from './routes/platform-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';

/** The tables of every area, the platform's first (its section leads the API page). */
export const apiRouteTables = [
  platformRoutes,
  authRoutes,
  joinLinkRoutes,
  agreementRoutes,
  organisationRoutes,
  deskRoutes,
  archiveRoutes,
  statisticsRoutes,
  apiDocsRoutes,
] as const;

/**
 * Every REST route of the service defined as a shared table, by area. The server mounts
 * exactly these (one handler per route, checked by the compiler), clients call them by
 * name, and /api/openapi.json is generated from them. Route names are unique across
 * tables (a test holds them to it): a name used twice would hide a route.
 */
export const apiRoutes = {
  ...platformRoutes,
  ...authRoutes,
  ...joinLinkRoutes,
  ...agreementRoutes,
  ...organisationRoutes,
  ...deskRoutes,
  ...archiveRoutes,
  ...statisticsRoutes,
  ...apiDocsRoutes,
};
export type ApiRoutes = typeof apiRoutes;

export * from './routes/agreement-routes.js';
export * from './routes/api-docs-routes.js';
export * from './routes/archive-routes.js';
export * from './routes/auth-routes.js';
export * from './routes/desk-routes.js';
export * from './routes/join-link-routes.js';
export * from './routes/organisation-routes.js';
export * from './routes/platform-routes.js';
export * from './routes/statistics-routes.js';
