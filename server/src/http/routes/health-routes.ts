import { Router } from 'express';
import type { NodeStatus } from '../../cluster/node-status.js';
import type { WorkerPool } from '../../media/worker-pool.js';

/** What /healthz tells of the node beside its media workers: its load and its view of what it shares. */
export interface NodeHealth {
  node(): Omit<NodeStatus, 'url'>;
  /** Redis: 'ok', 'unreachable', or 'not used' (alone). */
  redis(): 'ok' | 'unreachable' | 'not used';
  /** The store: 'ok' or 'unreachable'. */
  store(): Promise<'ok' | 'unreachable'>;
}

export function healthRoutes(workers: WorkerPool, health: NodeHealth): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    const live = workers.workers.length;
    const [store, redis] = [await health.store(), health.redis()];
    const ok = live > 0 && store === 'ok' && redis !== 'unreachable';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', mediaWorkers: live, node: health.node(), redis, store });
  });

  return router;
}
