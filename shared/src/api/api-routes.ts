import { archiveRoutes } from './routes/archive-routes.js';
import { deskRoutes } from './routes/desk-routes.js';
import { organisationRoutes } from './routes/organisation-routes.js';
import { platformRoutes } from './routes/platform-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';

/**
 * Every REST route of the service defined as a shared table, by area. The server mounts
 * exactly these (one handler per route, checked by the compiler), clients call them by
 * name, and /api/openapi.json is generated from them.
 */
export const apiRoutes = {
  ...organisationRoutes,
  ...deskRoutes,
  ...archiveRoutes,
  ...statisticsRoutes,
  ...platformRoutes,
};
export type ApiRoutes = typeof apiRoutes;

export * from './routes/archive-routes.js';
export * from './routes/desk-routes.js';
export * from './routes/organisation-routes.js';
export * from './routes/platform-routes.js';
export * from './routes/statistics-routes.js';
