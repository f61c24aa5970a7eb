import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every answer: the web client is served from this origin
 * as files (Vite's build: no inline script, no eval), so nothing else may run, load, or
 * frame it.
 * - style-src 'self' without 'unsafe-inline': Vue's `:style` bindings and the carets' colours
 *   set styles through the CSSOM (element.style), which CSP does not govern; the one
 *   <style> element a library would inject (tiptap's) is turned off and its rules are
 *   in the client's own stylesheet.
 * - img-src data: and blob: for the drawn signature (a canvas read as a data: URL) and the
 *   QR code; connect-src 'self' for the REST API and Socket.IO (same-origin ws: and wss:
 *   are 'self' in CSP Level 3).
 * - no upgrade-insecure-requests: the service speaks plain HTTP on its own port (behind
 *   the HTTPS proxy, or on localhost in development), where upgrading its own requests
 *   would break them; the proxy is where HTTPS is enforced.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
  },
};

/**
 * Security headers on every answer (pages, files, API, errors): the CSP above,
 * X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (join links carry their
 * token in the fragment, and no address of ours should reach another site), and helmet's
 * other defaults (HSTS for when the service is reached over HTTPS, same-origin
 * opener and resource policies, X-Frame-Options: DENY for browsers without frame-ancestors).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
  });
}

/**
 * The same headers as name and value, for answers Express does not make: Socket.IO's
 * engine writes its HTTP long-polling answers itself and lets us add headers to them.
 * Helmet's headers do not depend on the request, so they are read once from its middleware.
 */
export function securityHeaderValues(): Record<string, string> {
  const values: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      values[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete values[name];
    },
  };
  securityHeaders()({} as Parameters<RequestHandler>[0], recorder as unknown as Parameters<RequestHandler>[1], () => undefined);
  return values;
}
