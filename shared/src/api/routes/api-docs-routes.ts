import { defineRoutes } from '../api-route.js';

/** The description of this API itself. */
export const apiDocsRoutes = defineRoutes({
  openApiDocument: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This API described in OpenAPI 3.1, generated from the same definitions the server validates with',
    tag: 'API description',
    auth: 'none',
    response: { mediaType: 'application/json' },
  },
});
