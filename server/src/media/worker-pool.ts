import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { mediaCodecs } from './media-codecs.js';

/** One mediasoup worker process with its WebRtcServer (one UDP and one TCP port). */
export interface MediaWorker {
  index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  /** Open routers (rooms) on this worker: what "least loaded" counts. */
  routers: number;
}

const REPLACE_RETRY_MS = 1000;
/** A room opened while every worker is being replaced waits this long for one. */
const WORKER_WAIT_MS = 5_000;
const WORKER_WAIT_STEP_MS = 50;

/**
 * A pool of mediasoup workers, one per core by default. A worker that dies is logged
 * and replaced on the same ports; the process keeps running.
 */
export class WorkerPool {
  private readonly slots: (MediaWorker | undefined)[];
  private closed = false;

  private constructor(
    private readonly options: Config['media'],
    private readonly logger: Logger,
  ) {
    this.slots = new Array(options.workers).fill(undefined);
  }

  static async create(options: Config['media'], logger: Logger): Promise<WorkerPool> {
    const pool = new WorkerPool(options, logger);
    await Promise.all(pool.slots.map((_, index) => pool.start(index)));
    return pool;
  }

  get workers(): MediaWorker[] {
    return this.slots.filter((slot): slot is MediaWorker => slot !== undefined);
  }

  /** Creates a router on the least-loaded live worker. */
  async createRouter(appData: types.AppData = {}): Promise<{ router: types.Router; mediaWorker: MediaWorker }> {
    // People coming back after a worker died may be quicker than its replacement.
    const deadline = Date.now() + WORKER_WAIT_MS;
    while (this.workers.length === 0 && !this.closed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, WORKER_WAIT_STEP_MS));
    }
    const mediaWorker = this.leastLoaded();
    mediaWorker.routers++;
    try {
      const router = await mediaWorker.worker.createRouter({ mediaCodecs, appData });
      router.observer.once('close', () => mediaWorker.routers--);
      return { router, mediaWorker };
    } catch (error) {
      mediaWorker.routers--;
      throw error;
    }
  }

  leastLoaded(): MediaWorker {
    let best: MediaWorker | undefined;
    for (const candidate of this.workers) {
      if (!best || candidate.routers < best.routers) best = candidate;
    }
    if (!best) throw new Error('No media worker is running');
    return best;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.workers) slot.worker.close();
    this.slots.fill(undefined);
  }

  private async start(index: number): Promise<void> {
    const { listenIp, announcedAddress, rtcPort, logLevel } = this.options;
    const worker = await mediasoup.createWorker({ logLevel, appData: { index } });
    const port = rtcPort === 0 ? undefined : rtcPort + index;
    let webRtcServer: types.WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: (['udp', 'tcp'] as const).map((protocol) => ({ protocol, ip: listenIp, announcedAddress, port })),
      });
    } catch (error) {
      worker.close();
      throw error;
    }
    const slot: MediaWorker = { index, worker, webRtcServer, routers: 0 };
    this.slots[index] = slot;
    worker.on('died', (error) => this.onDied(slot, error));
    this.logger.info({ worker: index, pid: worker.pid, port: port ?? 'random', announcedAddress }, 'media worker started');
  }

  private onDied(slot: MediaWorker, error: Error): void {
    this.logger.error({ worker: slot.index, pid: slot.worker.pid, err: error }, 'media worker died; replacing it');
    if (this.slots[slot.index] === slot) this.slots[slot.index] = undefined;
    void this.replace(slot.index);
  }

  private async replace(index: number): Promise<void> {
    while (!this.closed) {
      try {
        await this.start(index);
        return;
      } catch (error) {
        this.logger.error({ worker: index, err: error }, 'media worker could not be restarted; retrying');
        await new Promise((resolve) => setTimeout(resolve, REPLACE_RETRY_MS));
      }
    }
  }
}
