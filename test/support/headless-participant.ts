import { randomInt } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  ROOM_QUERY_PARAMETER,
  ClientEvent,
  ServerEvent,
  type Ack,
  type ClientEventName,
  type ClientEventResults,
  type ClientPayloads,
  type ClientToServerEvents,
  type ConsumerInfo,
  type ErrorBody,
  type ParticipantInfo,
  type ServerToClientEvents,
  type WelcomePayload,
} from '@mediation/shared';

export type RoomClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** An error acknowledgement or a refused handshake, with its code. */
export class SignallingError extends Error {
  constructor(readonly body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
  }
}

const FINGERPRINT = Array.from({ length: 32 }, () => randomInt(256).toString(16).padStart(2, '0').toUpperCase()).join(':');
export const DTLS_PARAMETERS = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] };

/**
 * RTP parameters a browser would send; the SFU routes them without any media flowing. Each
 * track of one transport has its own `mid`: a second video track (a screen) needs another.
 */
export function fakeRtpParameters(kind: 'audio' | 'video', mid = kind === 'audio' ? '0' : '1') {
  const ssrc = randomInt(1, 2 ** 31);
  return kind === 'audio'
    ? {
        mid,
        codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
        headerExtensions: [],
        encodings: [{ ssrc }],
        rtcp: { cname: `c${ssrc}`, reducedSize: true },
      }
    : {
        mid,
        codecs: [
          {
            mimeType: 'video/VP8',
            payloadType: 101,
            clockRate: 90000,
            parameters: {},
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
          },
        ],
        headerExtensions: [],
        encodings: [{ ssrc }],
        rtcp: { cname: `c${ssrc}`, reducedSize: true },
      };
}

/**
 * RTP parameters of a camera sending three simulcast layers, as a browser's are: one encoding
 * per layer, told apart by RID (with its header extension), the smallest first.
 */
export function fakeSimulcastRtpParameters() {
  const video = fakeRtpParameters('video');
  return {
    ...video,
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {} },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 10, encrypt: false, parameters: {} },
    ],
    encodings: ['r0', 'r1', 'r2'].map((rid, index) => ({ rid, scalabilityMode: 'L1T3', scaleResolutionDownBy: 4 / 2 ** index })),
  };
}

/**
 * A participant that speaks the whole signalling protocol over a real Socket.IO
 * connection, without a browser and without media: for integration tests and benchmarks.
 */
export class HeadlessParticipant {
  readonly consumers = new Map<string, ConsumerInfo>();
  readonly participants = new Map<string, ParticipantInfo>();
  readonly producers: string[] = [];
  closedWith: ErrorBody | null = null;
  private recvDtlsSent = false;

  private constructor(
    readonly socket: RoomClientSocket,
    readonly welcome: WelcomePayload,
  ) {
    for (const p of welcome.participants) this.participants.set(p.id, p);
    socket.on(ServerEvent.participantJoined, (p) => this.participants.set(p.id, p));
    socket.on(ServerEvent.participantUpdated, (p) => this.participants.set(p.id, p));
    socket.on(ServerEvent.participantLeft, ({ participantId }) => this.participants.delete(participantId));
    socket.on(ServerEvent.consumersAdded, (consumers, ack) => {
      for (const consumer of consumers) {
        this.consumers.set(consumer.id, consumer);
        const owner = this.participants.get(consumer.participantId);
        if (owner && consumer.source !== 'screen') owner[consumer.kind] = !consumer.producerPaused;
      }
      ack({ consumerIds: consumers.map((consumer) => consumer.id), dtlsParameters: this.takeRecvDtlsParameters() });
    });
    socket.on(ServerEvent.consumerClosed, ({ consumerId }) => this.consumers.delete(consumerId));
    socket.on(ServerEvent.roomClosed, (reason) => (this.closedWith = reason));
  }

  get id(): string {
    return this.welcome.self.id;
  }

  /**
   * Connects with a join token; resolves on the welcome, rejects with the handshake's code.
   * `onEvent` sees every event the server pushes, from the welcome on.
   */
  static connect(
    serviceUrl: string,
    auth: Record<string, unknown>,
    onEvent?: (event: string, ...args: unknown[]) => void,
  ): Promise<HeadlessParticipant> {
    // Named in the query as the room's page does, so whichever node is reached routes it to the room's home.
    const query = typeof auth.roomId === 'string' ? { [ROOM_QUERY_PARAMETER]: auth.roomId } : {};
    const socket: RoomClientSocket = io(serviceUrl, { auth, query, transports: ['websocket'], reconnection: false, forceNew: true });
    if (onEvent) socket.onAny(onEvent);
    return new Promise((resolve, reject) => {
      socket.once(ServerEvent.welcome, (welcome) => resolve(new HeadlessParticipant(socket, welcome)));
      socket.once('connect_error', (error: Error & { data?: ErrorBody }) => {
        socket.close();
        reject(new SignallingError(error.data ?? { code: 'INTERNAL', message: error.message }));
      });
      socket.once(ServerEvent.roomClosed, (reason) => {
        socket.close();
        reject(new SignallingError(reason));
      });
    });
  }

  /** Sends any payload (valid or not) and returns the raw acknowledgement. */
  send(event: string, payload: unknown): Promise<Ack<unknown>> {
    return (this.socket as unknown as Socket).timeout(10_000).emitWithAck(event, payload);
  }

  async request<E extends ClientEventName>(event: E, payload: ClientPayloads[E]): Promise<ClientEventResults[E]> {
    const ack = (await this.send(event, payload)) as Ack<ClientEventResults[E]>;
    if (!ack.ok) throw new SignallingError(ack.error);
    return ack.data;
  }

  /**
   * The whole join a browser does: microphone and camera (the send transport's DTLS
   * parameters riding on the first), consume and resume everyone (the receive transport's
   * riding on the first resume or acknowledgement).
   */
  async joinWithMedia(): Promise<void> {
    // Sending and receiving do not wait for each other, as in the browser client.
    await Promise.all([this.produceMicrophoneAndCamera(), this.consumeEveryone()]);
  }

  private async produceMicrophoneAndCamera(): Promise<void> {
    const send = this.welcome.sendTransport;
    if (!send) return;
    for (const [kind, source] of [['audio', 'microphone'], ['video', 'camera']] as const) {
      const { producerId } = await this.request(ClientEvent.produce, {
        transportId: send.id,
        kind,
        source,
        rtpParameters: fakeRtpParameters(kind),
        dtlsParameters: this.producers.length === 0 ? DTLS_PARAMETERS : undefined,
      });
      this.producers.push(producerId);
    }
  }

  private async consumeEveryone(): Promise<void> {
    const { consumers } = await this.request(ClientEvent.ready, {
      rtpCapabilities: this.welcome.routerRtpCapabilities,
    });
    for (const consumer of consumers) this.consumers.set(consumer.id, consumer);
    await this.resume(consumers);
  }

  /** Resolves once `predicate` holds, checking on every message; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    return waitUntil(predicate, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }

  private async resume(consumers: ConsumerInfo[]): Promise<void> {
    if (consumers.length === 0) return;
    await this.request(ClientEvent.resumeConsumers, {
      consumerIds: consumers.map((c) => c.id),
      dtlsParameters: this.takeRecvDtlsParameters(),
    });
  }

  /** The receive transport's DTLS parameters, the first time they are asked for. */
  private takeRecvDtlsParameters() {
    if (this.recvDtlsSent) return undefined;
    this.recvDtlsSent = true;
    return DTLS_PARAMETERS;
  }
}

/** Polls a condition with a deadline; never a fixed sleep. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
