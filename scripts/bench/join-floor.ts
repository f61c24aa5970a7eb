import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import { mediaCodecs } from '../../server/src/media/media-codecs.js';
import type { WorkerPool } from '../../server/src/media/worker-pool.js';
import { fakeRtpParameters } from '../../test/support/headless-participant.js';

const DTLS: types.DtlsParameters = {
  role: 'client',
  fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => randomInt(16, 256).toString(16).toUpperCase()).join(':') }],
};

interface FloorMember {
  recv: types.WebRtcTransport;
  producers: types.Producer[];
}

export interface FloorRoom {
  router: types.Router;
  webRtcServer: types.WebRtcServer;
  members: FloorMember[];
}

export async function createFloorRoom(pool: WorkerPool): Promise<FloorRoom> {
  const mediaWorker = pool.leastLoaded();
  mediaWorker.routers++;
  const router = await mediaWorker.worker.createRouter({ mediaCodecs });
  router.observer.once('close', () => mediaWorker.routers--);
  return { router, webRtcServer: mediaWorker.webRtcServer, members: [] };
}

/**
 * What one join costs mediasoup itself, with no signalling: the same calls the service
 * makes for a participant who joins, sends microphone and camera, and consumes everyone.
 */
export async function floorJoin(room: FloorRoom): Promise<number> {
  const started = performance.now();
  const { router, webRtcServer } = room;
  const transportOptions = { webRtcServer, enableUdp: true, enableTcp: true, preferUdp: true };
  const [recv, send] = await Promise.all([
    router.createWebRtcTransport(transportOptions),
    router.createWebRtcTransport(transportOptions),
  ]);
  await send.connect({ dtlsParameters: DTLS });
  const others = [...room.members];
  const producers: types.Producer[] = [];
  for (const kind of ['audio', 'video'] as const) {
    const producer = await send.produce({ kind, rtpParameters: fakeRtpParameters(kind) as types.RtpParameters });
    producers.push(producer);
    const theirs = await Promise.all(
      others.map((other) => other.recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true })),
    );
    for (const consumer of theirs) void consumer.resume();
  }
  const member = { recv, producers };
  room.members.push(member);
  const mine = await Promise.all(
    others
      .flatMap((other) => other.producers)
      .map((producer) => recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true })),
  );
  await recv.connect({ dtlsParameters: DTLS });
  await Promise.all(mine.map((consumer) => consumer.resume()));
  return performance.now() - started;
}
