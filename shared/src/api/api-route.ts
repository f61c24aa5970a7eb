import type { z } from 'zod';

/**
 * Who may call a route at all; what they may reach is the server's policy to decide.
 * - `none`: anyone (the public verification, the join link check, signing in);
 * - `account`: a signed-in account (session cookie, or its token as Bearer);
 * - `principal`: an account, a participant's join link as Bearer, or an API key;
 * - `api-key`: a platform's API key as Bearer (`mrk_…`), rate-limited per key.
 */
export type RouteAuth = 'none' | 'account' | 'principal' | 'api-key';

/**
 * One REST route, defined once: the server mounts it and validates its input with these
 * schemas, the client calls it, and the OpenAPI document is generated from it.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style, from the root: `/api/cases/:caseId`. */
  path: string;
  /** One line for the API page. */
  summary: string;
  /** More, when one line is not enough. */
  description?: string;
  /** The API page's section. */
  tag: string;
  auth: RouteAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body's schema. */
  body?: z.ZodType;
  /** A body that is not JSON (a PDF to verify): its media type; the handler reads it. */
  rawBody?: string;
  /** The JSON answer's schema, or the media type of a file; none for 204. */
  response?: z.ZodType | { mediaType: string };
  /** The status of success: 200 unless said. */
  status?: 200 | 201 | 204;
}

/** A table of routes by name: each area of the API keeps one. */
export type ApiRouteTable = Record<string, ApiRoute>;

/** Keeps a table's literal types (for typed handlers) while checking it is a table. */
export function defineRoutes<const T extends ApiRouteTable>(table: T): T {
  return table;
}

/** The path of a route with its parameters filled in, for clients. */
export function pathOf(route: Pick<ApiRoute, 'path'>, params: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${route.path}`);
    return encodeURIComponent(value);
  });
}
