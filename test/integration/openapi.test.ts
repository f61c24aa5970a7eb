import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Router } from 'express';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, apiRouteTables, type ApiRoute } from '@mediation/shared';
import { createHttpApp } from '../../server/src/http/create-http-app.js';
import { openApiPath } from '../../server/src/http/openapi/build-openapi-document.js';
import { createLogger } from '../../server/src/logging/logger.js';
import type { WorkerPool } from '../../server/src/media/worker-pool.js';
import { organisationFixture, type OrganisationFixture } from '../support/organisation-callers.js';
import { invalidPlatformCaseBodies, platformCaseBody } from '../support/platform-api-requests.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

interface OpenApiOperation {
  operationId: string;
  tags: string[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> } | { $ref: string }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas?: Record<string, object>; responses: Record<string, { content: Record<string, { schema: object }> }> };
}

let service: TestService;
let fixture: OrganisationFixture;
let document: OpenApiDocument;

beforeAll(async () => {
  service = await startTestService();
  fixture = await organisationFixture(service);
  const response = await fetch(`${service.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const operationOf = (route: ApiRoute) => document.paths[openApiPath(route.path)]?.[route.method];

/** A validator of the document's schemas: JSON Schema 2020-12, as OpenAPI 3.1 writes them. */
function schemaValidator(schema: object) {
  // OpenAPI's own keywords (`example`) are not JSON Schema's: strict mode would refuse them.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile({ ...schema, components: document.components, $id: 'https://mediation.invalid/openapi.json' });
}

describe('the OpenAPI document at /api/openapi.json', () => {
  it('describes every route of the shared tables, each once, with its path parameters', () => {
    const names = apiRouteTables.flatMap((table) => Object.keys(table));
    expect(new Set(names).size, 'a route name used in two tables hides one of the routes').toBe(names.length);
    expect(Object.keys(apiRoutes)).toHaveLength(names.length);

    const described = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(described).toHaveLength(names.length);
    for (const [name, route] of Object.entries(apiRoutes) as [string, ApiRoute][]) {
      const operation = operationOf(route);
      expect(operation?.operationId, routeKey(route.method, route.path)).toBe(name);
      const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
      const declared = (operation!.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => [p.name, p.required]), name).toEqual(pathParameters.map((p) => [p, true]));
    }
  });

  it('describes each refusal with the ErrorBody, its code one of the service’s error codes', () => {
    for (const route of Object.values(apiRoutes) as ApiRoute[]) {
      const responses = operationOf(route)!.responses;
      for (const status of ['400', '401', '403', '404', '409', '429']) {
        expect(responses[status], `${routeKey(route.method, route.path)} ${status}`).toHaveProperty('$ref');
      }
    }
    const notFound = document.components.responses.NotFound!.content['application/json']!.schema;
    const validate = schemaValidator(notFound);
    expect(validate({ code: 'NOT_FOUND', message: 'No such case.' })).toBe(true);
    expect(validate({ code: 'NO_SUCH_CODE', message: 'x' })).toBe(false);
  });

  it('lists every operation an API key may call under the platform’s section', () => {
    for (const route of Object.values(apiRoutes) as ApiRoute[]) {
      const openToKeys = route.auth === 'api-key' || route.auth === 'principal';
      expect([routeKey(route.method, route.path), operationOf(route)!.tags.includes('Platform')]).toEqual([routeKey(route.method, route.path), openToKeys]);
    }
  });

  it('takes the bodies the platform’s tests send, and refuses those the service refuses', () => {
    const operation = operationOf(apiRoutes.fileCase)!;
    const validate = schemaValidator(operation.requestBody!.content['application/json']!.schema);
    const good = platformCaseBody(fixture.accounts.mediatorA.email);
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    for (const [what, body] of Object.entries(invalidPlatformCaseBodies(fixture.accounts.mediatorA.email))) {
      expect([what, validate(body)]).toEqual([what, false]);
    }
  });

  it('describes what the platform routes answer', async () => {
    const bearer = { authorization: `Bearer ${fixture.apiKeys.keyCountyA.secret}` };
    const answerOf = (route: ApiRoute, status: string) => {
      const response = operationOf(route)!.responses[status] as { content: Record<string, { schema: object }> };
      return schemaValidator(response.content['application/json']!.schema);
    };
    const filed = await fetch(`${service.url}/api/v1/committees/${fixture.committeeA.id}/cases`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify(platformCaseBody(fixture.accounts.mediatorA.email)),
    });
    expect(filed.status).toBe(201);
    const validateFiled = answerOf(apiRoutes.fileCase, '201');
    expect(validateFiled(await filed.json()), JSON.stringify(validateFiled.errors)).toBe(true);

    const committees = await fetch(`${service.url}/api/v1/committees`, { headers: bearer });
    const validateCommittees = answerOf(apiRoutes.listPlatformCommittees, '200');
    expect(validateCommittees(await committees.json()), JSON.stringify(validateCommittees.errors)).toBe(true);

    const refused = await fetch(`${service.url}/api/v1/committees/${fixture.committeeB.id}/cases`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify(platformCaseBody(fixture.accounts.mediatorA.email)),
    });
    const validateError = schemaValidator(document.components.responses.NotFound!.content['application/json']!.schema);
    expect(validateError(await refused.json())).toBe(true);
  });

  // Last: checking the whole document holds the process (and so this in-process service) for seconds.
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});

/** Every route an Express app has, with the path it answers at. */
function expressRoutes(router: Router, prefix = ''): { key: string; mountedAt: string }[] {
  const found: { key: string; mountedAt: string }[] = [];
  for (const layer of router.stack as unknown as ExpressLayer[]) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) found.push({ key: routeKey(method, prefix + layer.route.path), mountedAt: prefix });
    } else if (layer.handle.stack) {
      found.push(...expressRoutes(layer.handle as unknown as Router, layer.slash ? prefix : prefix + String(layer.rawPath)));
    }
  }
  return found;
}
interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: unknown[] };
  slash: boolean;
  rawPath: unknown;
}

describe('the service’s Express app', () => {
  it('serves under /api exactly the routes of the shared tables, all of them', () => {
    const app = createHttpApp({
      store: service.store,
      secret: service.secret,
      doors: service.doors,
      joinLinkTtlSeconds: 60,
      // Only /healthz asks the workers anything, and only when it is called.
      workers: {} as WorkerPool,
      metrics: new Registry(),
      logger: createLogger('silent'),
      publicUrl: undefined,
      clientDistDir: service.config.clientDistDir,
      metricsToken: undefined,
      trustProxy: 'loopback',
      prepareCommitteeCredentials: () => undefined,
      health: { node: () => ({ id: 'test', rooms: 0, consumers: 0, draining: false }), redis: () => 'not used', store: async () => 'ok' },
    });
    const routes = expressRoutes(app.router as unknown as Router).filter((route) => route.key.split(' ')[1]!.startsWith('/api'));
    const mounted = routes.map((route) => route.key);
    const described = (Object.values(apiRoutes) as ApiRoute[]).map((route) => routeKey(route.method, route.path));
    expect(mounted.filter((key) => !described.includes(key)), 'mounted but in no table').toEqual([]);
    expect(described.filter((key) => !mounted.includes(key)), 'in a table but never mounted').toEqual([]);
    expect(new Set(mounted).size, 'a route mounted twice').toBe(mounted.length);
  });
});
