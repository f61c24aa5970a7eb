import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import { capabilitiesByKind, type CapabilitiesByKind } from '../../server/src/media/capabilities-by-kind.js';
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
  /** Producers this member consumes already (as the service's Participant keeps them). */
  consumed: Set<string>;
  ready: boolean;
}

export interface FloorRoom {
  router: types.Router;
  /** The devices' capabilities as the service hands them to consume (its clients send the router's). */
  capabilities: CapabilitiesByKind;
  webRtcServer: types.WebRtcServer;
  members: FloorMember[];
  /** Consumers made for the others, which a join does not wait for (as in the service). */
  pending: Promise<unknown>[];
}

export async function createFloorRoom(pool: WorkerPool): Promise<FloorRoom> {
  const mediaWorker = pool.leastLoaded();
  mediaWorker.routers++;
  const router = await mediaWorker.worker.createRouter({ mediaCodecs });
  router.observer.once('close', () => mediaWorker.routers--);
  return { router, capabilities: capabilitiesByKind(router.rtpCapabilities), webRtcServer: mediaWorker.webRtcServer, members: [], pending: [] };
}

async function consumeFor(room: FloorRoom, member: FloorMember, producer: types.Producer): Promise<types.Consumer | null> {
  if (member.consumed.has(producer.id)) return null;
  member.consumed.add(producer.id);
  return member.recv.consume({ producerId: producer.id, rtpCapabilities: room.capabilities[producer.kind], paused: true });
}

/**
 * What one join costs mediasoup itself, with no signalling: the same calls in the same
 * order as the service makes them for a participant who joins, sends microphone and
 * camera (consumed meanwhile by everyone ready), and consumes everyone and resumes.
 */
export async function floorJoin(room: FloorRoom): Promise<number> {
  const started = performance.now();
  const { router, webRtcServer } = room;
  const transportOptions = { webRtcServer, enableUdp: true, enableTcp: true, preferUdp: true };
  const [recv, send] = await Promise.all([
    router.createWebRtcTransport(transportOptions),
    router.createWebRtcTransport(transportOptions),
  ]);
  const member: FloorMember = { recv, producers: [], consumed: new Set(), ready: false };
  room.members.push(member);

  // Sending and receiving at once, as the service's clients do after the welcome.
  const sendTracks = async () => {
    await send.connect({ dtlsParameters: DTLS });
    for (const kind of ['audio', 'video'] as const) {
      const producer = await send.produce({ kind, rtpParameters: fakeRtpParameters(kind) as types.RtpParameters });
      member.producers.push(producer);
      for (const other of room.members) {
        if (other === member || !other.ready) continue;
        room.pending.push(consumeFor(room, other, producer).then((consumer) => consumer?.resume()));
      }
    }
  };
  const receiveEveryone = async () => {
    member.ready = true;
    const mine = await Promise.all(
      room.members
        .filter((other) => other !== member)
        .flatMap((other) => other.producers)
        .map((producer) => consumeFor(room, member, producer)),
    );
    await recv.connect({ dtlsParameters: DTLS });
    await Promise.all(mine.map((consumer) => consumer?.resume()));
  };
  await Promise.all([sendTracks(), receiveEveryone()]);
  return performance.now() - started;
}
