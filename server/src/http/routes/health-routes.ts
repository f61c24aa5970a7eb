import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { WorkerPool } from '../../media/worker-pool.js';

export function healthRoutes(workers: WorkerPool, metrics: Registry): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    const live = workers.workers.length;
    res.status(live > 0 ? 200 : 503).json({ status: live > 0 ? 'ok' : 'degraded', mediaWorkers: live });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  return router;
}
