import {
  ClientEvent,
  MediaSource,
  type ConsumerInfo,
  type WelcomePayload,
} from '@mediation/shared';
import { Device, types as mediasoupTypes } from 'mediasoup-client';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CAMERA_ENCODINGS } from '../media/simulcast-encodings';
import { CodedError } from '../errors/coded-error';
import { LOCAL_SOURCES, type LocalMedia, type LocalSource } from './local-media';
import { request } from './request';
import { restartIceWhenLost } from './restart-ice-when-lost';
import type { RoomSocket } from './room-socket';

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
  static async open(socket: RoomSocket, welcome: WelcomePayload, given?: Device): Promise<MediaSession> {
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
    recvTransport.on('connect', ({ dtlsParameters }, callback) => {
      session.recvDtlsParameters = dtlsParameters;
      callback();
    });
    return session;
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
    source: LocalSource,
    track: MediaStreamTrack,
    paused: boolean,
  ): Promise<mediasoupTypes.Producer> {
    const producer = await this.untilClosed(transport.produce({
      track,
      stopTracks: false,
      zeroRtpOnPause: true,
      encodings: source === 'camera' ? CAMERA_ENCODINGS : undefined,
      appData: { source, paused },
    }));
    // The server created it paused already (see the produce handler); match that locally.
    if (paused) producer.pause();
    return producer;
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

  /** Mutes or unmutes a local source; locally first, so a mute takes effect at once. */
  /** Pauses a producer here only: the server paused it already (the mediator muted it). */
  pauseLocally(source: LocalSource): void {
    this.producers.get(source)?.pause();
  }

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
