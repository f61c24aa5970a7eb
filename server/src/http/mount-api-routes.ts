import type { KeyObject } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { ErrorCode, type ApiRoute, type ApiRouteTable } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { validate } from '../errors/validate.js';
import type { Logger } from '../logging/logger.js';
import type { AccountPrincipal, ApiKeyPrincipal, Principal } from '../policy/policy.js';
import type { AccountRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { AddressRateLimits } from './address-rate-limits.js';
import { ApiKeyUse } from './api-key-use.js';
import { requireAccountPrincipal } from './require-account.js';
import { requireApiKey, requirePrincipal } from './require-principal.js';

/**
 * Requests one API key may make: a burst, then a steady rate. A platform syncing cases
 * stays well under it; a runaway loop or a stolen key is slowed at once.
 */
export const API_KEY_REQUESTS_PER_MINUTE = 120;
export const API_KEY_BURST = 60;
/** Keys tracked at once (a bucket each). */
const MAX_TRACKED_API_KEYS = 10_000;

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

type CallerOf<R extends ApiRoute> = R['auth'] extends 'account'
  ? { account: AccountRecord; principal: AccountPrincipal }
  : R['auth'] extends 'api-key'
    ? { principal: ApiKeyPrincipal }
    : R['auth'] extends 'principal'
      ? { principal: Principal }
      : { principal: null };

/** What a handler gets: the request's validated parts, who calls, and the request and response themselves. */
export type RouteInput<R extends ApiRoute> = {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  req: Request;
  res: Response;
} & CallerOf<R>;

type ResponseOf<R extends ApiRoute> = R['response'] extends z.ZodType ? z.input<R['response']> : void;

/** A handler returns the JSON answer, or nothing when it answered itself (a file, a 204). */
export type RouteHandler<R extends ApiRoute> = (input: RouteInput<R>) => Promise<ResponseOf<R> | void>;

/** One handler per route of a table: the compiler refuses a table with a route left unhandled. */
export type RouteHandlers<T extends ApiRouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

export interface MountDeps {
  store: Store;
  secret: KeyObject;
  /** Where a failure that no request waits for (recording a key's use) is told. */
  logger: Logger;
}

/**
 * Mounts every route of a table on `router` (which sits at the root): authenticates the
 * caller as the route says, validates params, query and body with the route's schemas
 * (VALIDATION_FAILED naming each field), then calls its handler and sends what it returns.
 */
export function mountApiRoutes<T extends ApiRouteTable>(router: Router, deps: MountDeps, table: T, handlers: RouteHandlers<T>): void {
  for (const name of Object.keys(table) as (keyof T & string)[]) {
    const route = table[name]!;
    const handler = handlers[name] as RouteHandler<ApiRoute>;
    router[route.method](route.path, async (req: Request, res: Response) => {
      const caller = await authenticate(route, req, deps);
      const input = {
        params: route.params ? validate(route.params, req.params, 'params') : undefined,
        query: route.query ? validate(route.query, req.query, 'query') : undefined,
        body: route.body ? validate(route.body, req.body ?? {}, 'body') : undefined,
        req,
        res,
        ...caller,
      } as RouteInput<ApiRoute>;
      const answer = await handler(input);
      if (res.headersSent) return;
      if (answer === undefined) {
        res.status(route.status ?? 204).end();
        return;
      }
      res.status(route.status ?? 200).json(answer);
    });
  }
}

const apiKeyLimits = new AddressRateLimits(API_KEY_REQUESTS_PER_MINUTE, API_KEY_BURST, MAX_TRACKED_API_KEYS);
const apiKeyUse = new ApiKeyUse(MAX_TRACKED_API_KEYS);

async function authenticate(route: ApiRoute, req: Request, deps: MountDeps): Promise<object> {
  switch (route.auth) {
    case 'none':
      return { principal: null };
    case 'account': {
      const [account, principal] = await requireAccountPrincipal(req, deps.store, deps.secret);
      return { account, principal };
    }
    case 'principal': {
      const principal = await requirePrincipal(req, deps.store, deps.secret);
      if (principal.kind === 'api-key') admitApiKey(principal, deps);
      return { principal };
    }
    case 'api-key': {
      const principal = await requireApiKey(req, deps.store);
      admitApiKey(principal, deps);
      return { principal };
    }
  }
}

/** Notes the key's use, then lets the request through if the key has requests left. */
function admitApiKey(principal: ApiKeyPrincipal, deps: MountDeps): void {
  const now = Date.now();
  if (apiKeyUse.due(principal.keyId, now)) {
    // Not awaited: the request never waits for this bookkeeping.
    deps.store
      .touchApiKey(principal.keyId, new Date(now).toISOString())
      .catch((error: unknown) => deps.logger.error({ err: error, apiKey: principal.keyId }, 'recording an API key’s use failed'));
  }
  if (!apiKeyLimits.take(principal.keyId)) {
    throw new AppError(ErrorCode.rateLimited, `At most ${API_KEY_REQUESTS_PER_MINUTE} requests a minute per API key; slow down.`);
  }
}
