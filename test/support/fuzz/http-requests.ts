import { gzipSync } from 'node:zlib';
import { apiRoutes, DISPUTE_CATEGORIES, ROLES, type ApiRoute } from '@mediation/shared';
import type { HttpInput } from './fuzz-input.js';
import { mutatePayload } from './mutate-payload.js';
import { junkPdf, pdfWithDocumentNumbers } from './pdf-bodies.js';
import type { Prng } from './prng.js';
import { hugeString, randomString, randomValue } from './random-values.js';

type BodyKind = 'sign-in' | 'create-case' | 'pdf' | 'json';

/** The body a route of the API takes: the ones the fuzzer can make valid, or any JSON. */
const BODY_OF: Partial<Record<keyof typeof apiRoutes, BodyKind>> = { signIn: 'sign-in', createCase: 'create-case', fileCase: 'create-case', verifyPdf: 'pdf' };

/**
 * Every route the service serves: /healthz, /metrics and every route of the API's tables.
 * Placeholders in `{{…}}` (case ids, tokens, the session) are filled in by the runner,
 * which knows them.
 */
const ROUTES: { method: string; path: string; body?: BodyKind; query: boolean }[] = [
  { method: 'GET', path: '/healthz', query: false },
  { method: 'GET', path: '/metrics', query: false },
  ...(Object.entries(apiRoutes) as [keyof typeof apiRoutes, ApiRoute][]).map(([name, route]) => ({
    method: route.method.toUpperCase(),
    path: route.path,
    body: BODY_OF[name] ?? (route.body || route.rawBody ? ('json' as const) : undefined),
    query: route.query !== undefined,
  })),
];

/** Query strings for the routes that read one: search words, pages, periods, each possibly wrong. */
const QUERY_VALUES: Record<string, string[]> = {
  q: ['张伟', '张', '欧阳', 'MA-2026-000001', '%', "' OR 1=1 --", '"', '*', 'NEAR(a b)', 'x'.repeat(300)],
  party: ['张伟', '王', 'Li', '"', '^', ''],
  caseNumber: ['T-1', '0042', '第', '-', ''],
  documentNumber: ['MA-2026-000001', '000001', 'MA', ''],
  status: ['settled', 'intake', 'lost', ''],
  category: ['labour', 'nope', ''],
  from: ['2026-01', '2026-01-01', '2026-13', '0000-00', '9999-12', ''],
  to: ['2026-12', '2025-01', '2026-02-30', 'x'],
  page: ['1', '0', '-1', '1e9', '999999', 'NaN', ''],
  pageSize: ['1', '100', '0', '100000'],
  sort: ['newest', 'case-number', 'sideways'],
  before: ['1', '0', '-5', 'x'],
  limit: ['1', '200', '201', 'x'],
  chart: ['byCategory', 'summary', 'nope'],
  language: ['zh-CN', 'en', 'fr'],
  committeeId: ['{{caseId:fuzz}}', 'x', ''],
  regionId: ['region-root', 'x', ''],
};

function queryOf(prng: Prng): string {
  const names = Object.keys(QUERY_VALUES);
  const pairs = Array.from({ length: prng.between(1, 4) }, () => {
    const name = prng.pick(names);
    return `${name}=${encodeURIComponent(prng.pick(QUERY_VALUES[name]!))}`;
  });
  if (prng.chance(0.1)) pairs.push(prng.pick(['a[b]=1', '__proto__[x]=1', 'page=1&page=2', 'q[]=1']));
  return pairs.join('&');
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'SEARCH', 'FOO', 'get'];

const JUNK_SEGMENTS = ['%E0%A4%A', '%', '%00', '%ff%fe', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..', '.', '%252e', '%C0%AE', '~', '%u0041', 'a%20b', '%F0%9F%92%A5', ';x=1', 'x'.repeat(4000)];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=nope',
  'application/pdf',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/*',
  '*/*',
  '',
  'application/json, application/pdf',
  '\u00e9',
];

export function caseIdPlaceholder(prng: Prng): string {
  return prng.weighted<string>([
    ['{{caseId:fuzz}}', 4],
    ['{{caseId:live}}', 3],
    [prng.pick(JUNK_SEGMENTS), 2],
    [encodeURIComponent(wellFormed(randomString(prng, 60))) || 'x', 1],
  ]);
}

/** Lone surrogates replaced: encodeURIComponent throws on them. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function pathOf(prng: Prng, template: string): string {
  return template
    .replace(':caseId', caseIdPlaceholder(prng))
    .replace(
      ':documentNumber',
      prng.pick(['MA-2026-000001', 'MA-2026-999999', 'MA-0000-000000', 'MA-2026-00000', '{{documentNumber:fuzz}}', prng.pick(JUNK_SEGMENTS), 'MA-2026-000001%00']),
    )
    .replace(/:\w+/g, () => prng.pick(['region-root', '{{caseId:fuzz}}', '00000000-0000-0000-0000-000000000000', prng.pick(JUNK_SEGMENTS), 'x']));
}

function credentials(prng: Prng): [string, string][] {
  return prng.weighted<[string, string][]>([
    [[], 3],
    [[['cookie', 'mediation_session={{session}}']], 3],
    [[['authorization', `Bearer {{token:${prng.pick(['valid', 'live', 'alg-none', 'other-secret', 'account-session', 'expired'])}}}`]], 3],
    [[['authorization', 'Bearer {{session}}']], 1],
    [[['cookie', prng.pick(['mediation_session=j:{"a":1}', 'mediation_session=j:[1,2]', 'mediation_session=', `mediation_session=${'x'.repeat(8000)}`, 'mediation_session=%E0%A4%A'])]], 1],
    [[['authorization', prng.pick(['Bearer', 'Bearer ', 'Basic YTpi', 'bearer {{session}}', `Bearer ${'a'.repeat(10_000)}`])]], 1],
    [[['authorization', prng.pick(['Bearer mrk_', `Bearer mrk_${'A'.repeat(43)}`, `Bearer mrk_${'x'.repeat(200)}`, 'Bearer mrk_%00'])]], 1],
  ]);
}

function jsonBody(prng: Prng, kind: BodyKind | undefined): unknown {
  const valid =
    kind === 'sign-in'
      ? { email: prng.pick(['mediator@test.example', 'nobody@test.example', 'MEDIATOR@TEST.EXAMPLE ']), password: randomString(prng, 40) || 'x' }
      : {
          caseNumber: `FZ-${prng.int(10_000)}`,
          title: 'Fuzz',
          category: prng.pick(DISPUTE_CATEGORIES),
          participants: [{ displayName: 'P', role: prng.pick(ROLES.filter((role) => role !== 'mediator')) }],
        };
  return prng.weighted<() => unknown>([
    [() => valid, 2],
    [() => mutatePayload(prng, valid), 4],
    [() => randomValue(prng), 2],
  ])();
}

function bodyOf(prng: Prng, kind: BodyKind | undefined): { contentType: string; body: Uint8Array | null } {
  if (kind === 'pdf' || (kind === undefined && prng.chance(0.1))) {
    return { contentType: prng.chance(0.85) ? 'application/pdf' : prng.pick(CONTENT_TYPES), body: prng.chance(0.6) ? pdfWithDocumentNumbers(prng) : junkPdf(prng) };
  }
  const choice = prng.weighted<() => { contentType: string; body: Uint8Array | null }>([
    [() => ({ contentType: 'application/json', body: utf8(JSON.stringify(jsonBody(prng, kind)) ?? '') }), 6],
    [() => ({ contentType: prng.pick(CONTENT_TYPES), body: utf8(JSON.stringify(jsonBody(prng, kind)) ?? '') }), 2],
    [() => ({ contentType: 'application/json', body: utf8(prng.pick(['{', '{"email":', 'null', '"x"', '1e400', 'NaN', '{"__proto__":{"admin":true}}', '[' .repeat(prng.size(30_000))])) }), 2],
    [() => ({ contentType: 'application/json', body: utf8(`{"title":"${hugeString(prng, 100 * 1024)}"}`) }), 1],
    [() => ({ contentType: prng.pick(CONTENT_TYPES), body: prng.bytes(prng.size(4096)) }), 1],
    [() => ({ contentType: prng.pick(CONTENT_TYPES), body: null }), 1],
  ]);
  return choice();
}

function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** A request to one of the routes, its method, path, headers and body each possibly wrong. */
export function httpRouteRequest(prng: Prng): HttpInput {
  const route = prng.pick(ROUTES);
  const method = prng.chance(0.8) ? route.method : prng.pick(METHODS);
  const headers: [string, string][] = [...credentials(prng)];
  let body: Uint8Array | null = null;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'get') {
    const made = bodyOf(prng, route.body);
    body = made.body;
    if (made.contentType) headers.push(['content-type', made.contentType]);
    if (body && prng.chance(0.08)) {
      headers.push(['content-encoding', prng.pick(['gzip', 'deflate', 'br', 'identity', 'x-junk', 'gzip, gzip'])]);
    }
  }
  if (prng.chance(0.1)) headers.push(['x-forwarded-for', prng.pick(['1.2.3.4', '::1', 'junk', '1.2.3.4, 5.6.7.8', ''])]);
  if (prng.chance(0.05)) headers.push(['accept', prng.pick(['application/pdf', '*/*', 'text/html;q=0', '\u00e9'])]);
  if (prng.chance(0.05)) headers.push(['range', prng.pick(['bytes=0-10', 'bytes=-1', 'bytes=999999999-', 'bytes=5-1,0-0,1-1'])]);
  const query = route.query && prng.chance(0.7) ? `?${queryOf(prng)}` : prng.chance(0.1) ? `?${prng.pick(['a=1', 'a[b]=1', '__proto__[x]=1', '%E0%A4%A', 'a='.repeat(1000)])}` : '';
  return { channel: 'http', method, path: pathOf(prng, route.path) + query, headers, body, raw: null };
}

/** Paths that are no route at all, or routes spelled with encoded junk. */
export function httpJunkPathRequest(prng: Prng): HttpInput {
  const segments = Array.from({ length: prng.between(1, 4) }, () => (prng.chance(0.5) ? prng.pick(JUNK_SEGMENTS) : prng.pick(['api', 'cases', 'verify', 'auth', 'healthz', 'socket.io', 'agreement.pdf', 'links'])));
  return { channel: 'http', method: prng.pick(METHODS), path: `/${segments.join('/')}`, headers: credentials(prng), body: null, raw: null };
}

/** A verification upload: many document-number-like strings, junk, or a compressed bomb. */
export function httpVerifyPdfRequest(prng: Prng): HttpInput {
  if (prng.chance(0.05)) {
    const inflated = prng.pick([1, 25]) * 1024 * 1024;
    return {
      channel: 'http',
      method: 'POST',
      path: '/api/verify',
      headers: [['content-type', 'application/pdf'], ['content-encoding', 'gzip']],
      body: new Uint8Array(gzipSync(Buffer.alloc(inflated, 'MA-2026-000001 '))),
      raw: null,
    };
  }
  return { channel: 'http', method: 'POST', path: '/api/verify', headers: [['content-type', 'application/pdf']], body: prng.chance(0.8) ? pdfWithDocumentNumbers(prng) : junkPdf(prng), raw: null };
}

/** Bytes that are not quite HTTP/1.1, written on a TCP connection. */
export function httpRawRequest(prng: Prng): HttpInput {
  const text = prng.pick<() => string>([
    () => `GET /${prng.pick(JUNK_SEGMENTS)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => `GET /api/cases/${prng.pick(JUNK_SEGMENTS)}/links HTTP/1.1\r\nHost: x\r\nCookie: mediation_session={{session}}\r\n\r\n`,
    () => `GET /api/verify/${prng.pick(JUNK_SEGMENTS)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    () => 'POST /api/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffff\r\nxx\r\n',
    () => 'POST /api/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    () => `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(prng.size(40_000))}\r\n\r\n`,
    () => 'GET /healthz\r\n\r\n',
    () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    () => 'GET http://evil.example/api/cases HTTP/1.1\r\nHost: evil.example\r\n\r\n',
    () => 'GET /api/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {{session}}\r\nAuthorization: Bearer junk\r\n\r\n',
    () => `${prng.pick(['CONNECT', 'TRACE', 'M-SEARCH', 'G\u00c9T', ''])} /api/cases HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => 'GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n',
    () => 'GET /socket.io/?EIO=3&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    () => 'POST /socket.io/?EIO=4&transport=polling&sid=nope HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n40',
    () => `GET /healthz HTTP/1.1\r\nHost: x\r\n${'X: y\r\n'.repeat(prng.size(3000))}\r\n`,
    () => Buffer.from(prng.bytes(prng.size(2048))).toString('latin1'),
  ])();
  return { channel: 'http', method: '', path: '', headers: [], body: null, raw: new Uint8Array(Buffer.from(text, 'latin1')) };
}
