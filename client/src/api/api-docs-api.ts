import { pathOf, apiRoutes } from '@mediation/shared';
import type { OpenApiDocument } from '../api-docs/openapi-document';
import { requestJson } from './request-json';

/** The service's OpenAPI 3.1 document, generated from its route tables. */
export function fetchOpenApiDocument(): Promise<OpenApiDocument> {
  return requestJson<OpenApiDocument>(openApiDocumentPath);
}

export const openApiDocumentPath = pathOf(apiRoutes.openApiDocument);
