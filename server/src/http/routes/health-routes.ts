import { Router } from 'express';
import type { WorkerPool } from '../../media/worker-pool.js';

export function healthRoutes(workers: WorkerPool): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    const live = workers.workers.length;
    res.status(live > 0 ? 200 : 503).json({ status: live > 0 ? 'ok' : 'degraded', mediaWorkers: live });
  });

  return router;
}
