import {
  ClientEvent,
  ErrorCode,
  MediaSource,
  type ConsumerInfo,
  type PreparedPayload,
} from '@mediation/shared';
import { Device, types as mediasoupTypes } from 'mediasoup-client';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CAMERA_ENCODINGS } from '../media/simulcast-encodings';
import { CodedError } from '../errors/coded-error';
import { LOCAL_SOURCES, type LocalMedia, type LocalSource } from './local-media';
import { request } from './request';
import { restartIceWhenLost } from './restart-ice-when-lost';
import type { RoomSocket } from './room-socket';

/** The receiver that connects a receive transport ahead: known only to this page, never fed. */
const CONNECTING_RECEIVER = 'connecting-receiver';
const CONNECTING_RECEIVER_SSRC = 1111;
/** Its media section's id: the server numbers the consumers' sections from 0, so never one of those. */
const CONNECTING_RECEIVER_MID = 'ahead';
/**
 * A page of text at 1080p stays legible at this rate at the few frames a second a screen is
 * captured at (SCREEN_MAX_FRAME_RATE); viewers on phones receive it beside two or three cameras.
 */
export const SCREEN_MAX_BITRATE = 1_200_000;

const MAX_BITRATE: Partial<Record<MediaSource, number>> = { screen: SCREEN_MAX_BITRATE };

export interface RemoteTrack {
  participantId: string;
  source: MediaSource;
  track: MediaStreamTrack;
}

export interface ConsumeOutcome {
  attached: RemoteTrack[];
  attachedIds: string[];
  failures: unknown[];
}

interface ConsumerEntry {
  consumer: mediasoupTypes.Consumer;
  participantId: string;
  source: MediaSource;
}

/**
 * The media of one signalling connection: the mediasoup Device, both transports, the producers
 * of the local tracks and the consumers of everyone else. A reconnection gets a new session;
 * closing a session closes everything it owns but leaves the local tracks running.
 */
export class MediaSession {
  private readonly producers = new Map<LocalSource, mediasoupTypes.Producer>();
  /** The screen this person shares, while they share it. */
  private screenProducer: mediasoupTypes.Producer | null = null;
  private readonly consumers = new Map<string, ConsumerEntry>();
  /** Rejects when the session closes, so nothing waits on a transport that is gone. */
  private readonly closing: Promise<never>;
  private rejectClosing: (error: Error) => void = () => undefined;
  closed = false;

  private constructor(
    private readonly socket: RoomSocket,
    private readonly rtpCapabilities: mediasoupTypes.RtpCapabilities,
    private readonly sendTransport: mediasoupTypes.Transport | null,
    private readonly recvTransport: mediasoupTypes.Transport,
  ) {
    this.closing = new Promise<never>((_, reject) => (this.rejectClosing = reject));
    this.closing.catch(() => undefined);
  }

  /**
   * What the transport promises, or a rejection once the session closes: mediasoup-client
   * leaves a consume queued on a transport that closes before it runs pending for ever.
   */
  private untilClosed<T>(operation: Promise<T>): Promise<T> {
    return Promise.race([operation, this.closing]);
  }

  /** Loads the device (this browser's, unless one is given) with the router's capabilities and builds the transports of the welcome. */
  static async open(socket: RoomSocket, welcome: PreparedPayload, given?: Device): Promise<MediaSession> {
    let device: Device;
    try {
      device = given ?? new Device();
      await device.load({ routerRtpCapabilities: welcome.routerRtpCapabilities });
    } catch (error) {
      throw new CodedError(ClientErrorCode.mediaSetupFailed, `mediasoup device: ${String(error)}`);
    }
    // TURN servers from the service's configuration, for networks that block direct media.
    const ice = { iceServers: welcome.ice.iceServers, iceTransportPolicy: welcome.ice.iceTransportPolicy };
    const sendTransport = welcome.sendTransport ? createSendTransport(socket, device, { ...welcome.sendTransport, ...ice }) : null;
    const recvTransport = device.createRecvTransport({ ...welcome.recvTransport, ...ice });
    const session = new MediaSession(socket, device.recvRtpCapabilities, sendTransport, recvTransport);
    for (const transport of [sendTransport, recvTransport]) if (transport) restartIceWhenLost(socket, transport);
    recvTransport.on('connect', ({ dtlsParameters }, callback, errback) => {
      if (!session.connectingAhead) {
        session.recvDtlsParameters = dtlsParameters;
        callback();
        return;
      }
      request(socket, ClientEvent.connectTransport, { transportId: recvTransport.id, dtlsParameters }).then(() => callback(), errback);
    });
    return session;
  }

  /** The receive transport connects with its own request (ahead of joining), not on the first resume. */
  private connectingAhead = false;

  /**
   * Connects the receive transport before anything is received: ICE and DTLS are done while
   * the person is still in the device check. mediasoup-client connects a transport on its
   * first consumer, so a receiver of this page's own (that nothing ever feeds) is made and
   * closed again; the server sees only the connection.
   */
  async connectReceiving(): Promise<void> {
    const opus = this.rtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'audio/opus');
    if (!opus?.preferredPayloadType) return;
    this.connectingAhead = true;
    try {
      const receiver = await this.untilClosed(
        this.recvTransport.consume({
          id: CONNECTING_RECEIVER,
          producerId: CONNECTING_RECEIVER,
          kind: 'audio',
          rtpParameters: {
            codecs: [{ mimeType: opus.mimeType, payloadType: opus.preferredPayloadType, clockRate: opus.clockRate, channels: opus.channels, parameters: {}, rtcpFeedback: [] }],
            headerExtensions: [],
            mid: CONNECTING_RECEIVER_MID,
            encodings: [{ ssrc: CONNECTING_RECEIVER_SSRC }],
            rtcp: { cname: CONNECTING_RECEIVER, reducedSize: true },
          },
        }),
      );
      receiver.close();
    } finally {
      this.connectingAhead = false;
    }
  }

  /** Whether this session's transports are these (the welcome names those of a preparation). */
  usesTransports(sendTransportId: string | null, recvTransportId: string): boolean {
    return (this.sendTransport?.id ?? null) === sendTransportId && this.recvTransport.id === recvTransportId;
  }

  /**
   * The receive transport's DTLS parameters, held until the next resume or acknowledgement
   * carries them to the server (see `pendingDtlsParameters` in the protocol).
   */
  private recvDtlsParameters: mediasoupTypes.DtlsParameters | undefined;

  /** Hands over the receive transport's DTLS parameters once; undefined after that. */
  takeRecvDtlsParameters(): mediasoupTypes.DtlsParameters | undefined {
    const parameters = this.recvDtlsParameters;
    this.recvDtlsParameters = undefined;
    return parameters;
  }

  /** Sends every local track; a paused one starts paused on the server too. */
  async produceLocalMedia(local: LocalMedia): Promise<{ failures: unknown[] }> {
    const failures: unknown[] = [];
    if (!this.sendTransport) return { failures };
    for (const source of LOCAL_SOURCES) {
      const track = local.tracks[source];
      if (!track || track.readyState === 'ended') continue;
      try {
        this.producers.set(source, await this.produce(this.sendTransport, source, track, local.paused[source]));
      } catch (error) {
        // Without this track the participant can still see, hear and send the other one.
        failures.push(error);
      }
    }
    return { failures };
  }

  private async produce(
    transport: mediasoupTypes.Transport,
    source: MediaSource,
    track: MediaStreamTrack,
    paused: boolean,
  ): Promise<mediasoupTypes.Producer> {
    const maxBitrate = MAX_BITRATE[source];
    const producer = await this.untilClosed(transport.produce({
      track,
      stopTracks: false,
      zeroRtpOnPause: true,
      encodings: source === 'camera' ? CAMERA_ENCODINGS : maxBitrate === undefined ? undefined : [{ maxBitrate }],
      appData: { source, paused },
    }));
    // The server created it paused already (see the produce handler); match that locally.
    if (paused) producer.pause();
    return producer;
  }

  /** Sends a captured screen; refused by the server unless this person may share now (SCREEN_SHARE_*). */
  async produceScreen(track: MediaStreamTrack): Promise<void> {
    if (!this.sendTransport) throw new CodedError(ErrorCode.forbidden, 'no send transport: this role does not send media');
    if (this.screenProducer) throw new CodedError(ErrorCode.conflict, 'a screen is shared already');
    this.screenProducer = await this.produce(this.sendTransport, 'screen', track, false);
  }

  /** Stops sending the screen, here and on the server. */
  async closeScreen(): Promise<void> {
    const producer = this.screenProducer;
    if (!producer) return;
    this.screenProducer = null;
    producer.close();
    try {
      await request(this.socket, ClientEvent.closeProducer, { producerId: producer.id });
    } catch (error) {
      // The server closed it already (the mediator withdrew the leave meanwhile): it is gone, as asked.
      if (!(error instanceof CodedError && error.code === ErrorCode.notFound)) throw error;
    }
  }

  /** The server closed one of this person's producers: closed here too. Returns whether it was the screen. */
  forgetProducer(producerId: string): boolean {
    if (this.screenProducer?.id !== producerId) return false;
    this.screenProducer.close();
    this.screenProducer = null;
    return true;
  }

  /** What this device can receive, as `room:ready` and `room:enter` tell the server. */
  get receiveCapabilities(): mediasoupTypes.RtpCapabilities {
    return this.rtpCapabilities;
  }

  /** Tells the server this device can consume: it answers with consumers for what is already sent. */
  async ready(): Promise<ConsumerInfo[]> {
    const result = await request(this.socket, ClientEvent.ready, { rtpCapabilities: this.rtpCapabilities });
    return result.consumers;
  }

  /**
   * Attaches a batch of server-side consumers (created paused); the caller then has the
   * server resume the attached ones. One consumer failing does not keep the others from playing.
   */
  async consume(infos: ConsumerInfo[]): Promise<ConsumeOutcome> {
    const outcome: ConsumeOutcome = { attached: [], attachedIds: [], failures: [] };
    for (const info of infos) {
      try {
        outcome.attached.push(await this.attachConsumer(info));
        outcome.attachedIds.push(info.id);
      } catch (error) {
        outcome.failures.push(error);
      }
    }
    return outcome;
  }

  /** Resumes consumers the server offered in the answer to `room:ready`. */
  async resume(consumerIds: string[]): Promise<void> {
    if (consumerIds.length === 0) return;
    const dtlsParameters = this.takeRecvDtlsParameters();
    try {
      await request(this.socket, ClientEvent.resumeConsumers, { consumerIds, dtlsParameters });
    } catch (error) {
      // The parameters may not have arrived: the next resume or acknowledgement carries them again.
      this.recvDtlsParameters ??= dtlsParameters;
      throw error;
    }
  }

  private async attachConsumer(info: ConsumerInfo): Promise<RemoteTrack> {
    const consumer = await this.untilClosed(
      this.recvTransport.consume({
        id: info.id,
        producerId: info.producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters,
        appData: { participantId: info.participantId, source: info.source },
      }),
    );
    this.consumers.set(info.id, { consumer, participantId: info.participantId, source: info.source });
    return { participantId: info.participantId, source: info.source, track: consumer.track };
  }

  /** Closes one consumer; returns what it was receiving, or null if it was not known. */
  closeConsumer(consumerId: string): RemoteTrack | null {
    const entry = this.consumers.get(consumerId);
    if (!entry) return null;
    entry.consumer.close();
    this.consumers.delete(consumerId);
    return { participantId: entry.participantId, source: entry.source, track: entry.consumer.track };
  }

  closeConsumersOf(participantId: string): RemoteTrack[] {
    const closed: RemoteTrack[] = [];
    for (const [consumerId, entry] of [...this.consumers]) {
      if (entry.participantId !== participantId) continue;
      const remote = this.closeConsumer(consumerId);
      if (remote) closed.push(remote);
    }
    return closed;
  }

  /** The consumer receiving one source of a participant, if any. */
  consumerIdOf(participantId: string, source: MediaSource): string | null {
    for (const [consumerId, entry] of this.consumers) if (entry.participantId === participantId && entry.source === source) return consumerId;
    return null;
  }

  /** The WebRTC statistics of both transports: their round trips and losses. */
  transportStats(): Promise<RTCStatsReport[]> {
    return Promise.all([this.sendTransport, this.recvTransport].flatMap((transport) => (transport ? [transport.getStats()] : [])));
  }

  /** Pauses a producer here only: the server paused it already (the mediator muted it). */
  pauseLocally(source: LocalSource): void {
    this.producers.get(source)?.pause();
  }

  /** Mutes or unmutes a local source; locally first, so a mute takes effect at once. */
  async setPaused(source: LocalSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    try {
      await request(this.socket, ClientEvent.setProducerPaused, { producerId: producer.id, paused });
    } catch (error) {
      // The server still routes the old state; show the same state locally.
      if (paused) producer.resume();
      else producer.pause();
      throw error;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.rejectClosing(new CodedError(ClientErrorCode.mediaSessionClosed, 'the media session closed'));
    for (const entry of this.consumers.values()) entry.consumer.close();
    this.consumers.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.screenProducer?.close();
    this.screenProducer = null;
    this.sendTransport?.close();
    this.recvTransport.close();
  }
}

/**
 * mediasoup-client asks to connect a transport on its first use; its DTLS parameters then
 * ride on the first produce instead of costing a round trip of their own.
 */
function createSendTransport(socket: RoomSocket, device: Device, options: mediasoupTypes.TransportOptions): mediasoupTypes.Transport {
  const transport = device.createSendTransport(options);
  let pendingDtlsParameters: mediasoupTypes.DtlsParameters | undefined;
  transport.on('connect', ({ dtlsParameters }, callback) => {
    pendingDtlsParameters = dtlsParameters;
    callback();
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    const source = MediaSource.parse(appData.source);
    const dtlsParameters = pendingDtlsParameters;
    pendingDtlsParameters = undefined;
    request(socket, ClientEvent.produce, {
      transportId: transport.id,
      kind,
      source,
      rtpParameters,
      paused: appData.paused === true,
      dtlsParameters,
    }).then(
      ({ producerId }) => callback({ id: producerId }),
      (error: Error) => {
        // The parameters may not have arrived: the next produce carries them again.
        pendingDtlsParameters ??= dtlsParameters;
        errback(error);
      },
    );
  });
  return transport;
}
