import { apiRoutes, type apiDocsRoutes } from '@mediation/shared';
import type { RouteHandlers } from '../mount-api-routes.js';
import { buildOpenApiDocument } from '../openapi/build-openapi-document.js';

/** The API's own description, built once from the route tables. */
export function apiDocsRouteHandlers(): RouteHandlers<typeof apiDocsRoutes> {
  const document = buildOpenApiDocument(apiRoutes);
  return {
    async openApiDocument({ res }) {
      res.setHeader('Cache-Control', 'no-cache');
      res.json(document);
    },
  };
}
