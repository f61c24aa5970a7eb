import type { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { ErrorBodySchema, PLATFORM_TAG, type ApiRoute, type ApiRouteTable } from '@mediation/shared';
import { SECURITY_OF, SECURITY_SCHEMES } from './openapi-security.js';

/** The version of the API the document describes; a change that breaks a caller raises it. */
export const API_VERSION = '1.0.0';

/** Refusals every route may answer, each with the ErrorBody: by status, the codes it stands for. */
const ERROR_RESPONSES = {
  '400': { id: 'BadRequest', description: 'The request is malformed: VALIDATION_FAILED names each field that is wrong.' },
  '401': { id: 'Unauthenticated', description: 'No valid credentials: UNAUTHENTICATED (or INVALID_CREDENTIALS, or a TOKEN_* code for a join link).' },
  '403': { id: 'Forbidden', description: 'The caller may never do this: FORBIDDEN.' },
  '404': { id: 'NotFound', description: 'No such thing, or not within the caller’s reach (the two are not told apart): NOT_FOUND.' },
  '409': { id: 'Conflict', description: 'The action does not fit the current state: CONFLICT (or a more precise code).' },
  '429': { id: 'TooManyRequests', description: 'Too many requests (per API key, per address, per account): RATE_LIMITED. Slow down and try again.' },
} as const;
const PAYLOAD_TOO_LARGE = { id: 'PayloadTooLarge', description: 'The body is larger than the route takes: PAYLOAD_TOO_LARGE.' };

/** Express's `/a/:id` as OpenAPI's `/a/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** Whether an API key may call the route: its operations are listed with the platform's too. */
export function openToApiKeys(route: ApiRoute): boolean {
  return route.auth === 'api-key' || route.auth === 'principal';
}

/**
 * The OpenAPI 3.1 document of the REST API, generated from the shared route tables (the
 * same schemas the server validates with), so the description cannot drift from the code.
 */
export function buildOpenApiDocument(routes: ApiRouteTable): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const [name, route] of Object.entries(routes)) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operationOf(name, route) };
  }
  const tags = [...new Set([PLATFORM_TAG, ...Object.values(routes).map((route) => route.tag)])];
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Online Mediation Room API',
      version: API_VERSION,
      description:
        'The REST API of the online mediation room service. Every error answer is an ErrorBody: a `code` a program can act on and a `message` for people. Platforms call the operations tagged Platform with their API key.',
    },
    tags: tags.map((tag) =>
      tag === PLATFORM_TAG
        ? { name: tag, description: 'Everything a platform’s API key may call: filing cases with committees in its region, their join links, the signed agreement and its verification.' }
        : { name: tag },
    ),
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      responses: Object.fromEntries(
        [...Object.values(ERROR_RESPONSES), PAYLOAD_TOO_LARGE].map(({ id, description }) => [
          id,
          { description, content: { 'application/json': { schema: ErrorBodySchema } } },
        ]),
      ),
    },
  });
}

function operationOf(name: string, route: ApiRoute): ZodOpenApiOperationObject {
  const security = SECURITY_OF[route.auth].map((scheme) => ({ [scheme]: [] }));
  const tags = route.tag !== PLATFORM_TAG && openToApiKeys(route) ? [route.tag, PLATFORM_TAG] : [route.tag];
  return {
    operationId: name,
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    tags,
    security,
    ...((route.params || route.query) && {
      requestParams: {
        ...(route.params && { path: route.params as z.ZodObject }),
        ...(route.query && { query: route.query as z.ZodObject }),
      },
    }),
    ...(route.body && { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }),
    ...(route.rawBody !== undefined && {
      requestBody: { required: true, content: { [route.rawBody]: { schema: fileSchemaOf(route.rawBody) } } },
    }),
    responses: responsesOf(route),
  };
}

function responsesOf(route: ApiRoute): ZodOpenApiResponsesObject {
  const status = route.status ?? (route.response ? 200 : 204);
  const success = route.response
    ? {
        description: 'Done.',
        content:
          'mediaType' in route.response
            ? { [route.response.mediaType]: { schema: fileSchemaOf(route.response.mediaType) } }
            : { 'application/json': { schema: route.response } },
      }
    : { description: 'Done; nothing to say.' };
  const refusals: ZodOpenApiResponsesObject = {};
  for (const [code, { id }] of Object.entries(ERROR_RESPONSES)) refusals[code as `4${string}`] = { $ref: `#/components/responses/${id}` };
  if (route.body || route.rawBody !== undefined) refusals['413'] = { $ref: `#/components/responses/${PAYLOAD_TOO_LARGE.id}` };
  return { [String(status)]: success, ...refusals };
}

/** A body that is a file (a PDF), or JSON the route writes itself (this document). */
function fileSchemaOf(mediaType: string): { type: 'string'; contentMediaType: string } | { type: 'object' } {
  return mediaType === 'application/json' ? { type: 'object' } : { type: 'string', contentMediaType: mediaType };
}
