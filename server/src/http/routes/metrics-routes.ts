import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Registry } from 'prom-client';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../../errors/app-error.js';

/**
 * GET /metrics for the operator's scraper. The figures (rooms, participants, workers)
 * are the operator's business only, so with a `token` the request must carry it as a
 * Bearer; without one the route answers only where it is mounted on a listener of its own.
 */
export function metricsRoutes(metrics: Registry, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined && !presentsToken(req, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new AppError(ErrorCode.unauthenticated, 'The metrics need the operator’s token.');
    }
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  return router;
}

/** /metrics on a port where it is not served: the same answer as any unknown address. */
export function metricsNotServed(): Router {
  const router = Router();
  router.get('/metrics', () => {
    throw new AppError(ErrorCode.notFound, 'Nothing is at this address.');
  });
  return router;
}

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit to time. */
function presentsToken(req: Request, token: string): boolean {
  const header = req.get('authorization') ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
