import type { types } from 'mediasoup';
import type { AudioOnlyReason, HeldSource, MediaSource, ParticipantInfo, Role } from '@mediation/shared';
import type { CapabilitiesByKind } from '../media/capabilities-by-kind.js';
import { LowBandwidthWatch } from './low-bandwidth-watch.js';
import type { ParticipantSink } from './participant-sink.js';

export interface ProducerAppData extends types.AppData {
  participantId: string;
  source: MediaSource;
}

/** Whose producer a consumer carries: what a move between spaces checks. */
export interface ConsumerAppData extends types.AppData {
  producerParticipantId: string;
}

export interface ParticipantIdentity {
  id: string;
  displayName: string;
  role: Role;
}

/**
 * A participant owns its transports; mediasoup closes their producers and consumers
 * with them, and the maps below forget each one as it closes.
 */
export class Participant {
  readonly producers = new Map<string, types.Producer<ProducerAppData>>();
  readonly consumers = new Map<string, types.Consumer<ConsumerAppData>>();
  /** Transports whose DTLS parameters arrived: each is connected once. */
  readonly connectedTransportIds = new Set<string>();
  /** Producers this participant already consumes, so no producer is consumed twice. */
  readonly consumedProducerIds = new Set<string>();
  sendTransport: types.WebRtcTransport | null = null;
  recvTransport: types.WebRtcTransport | null = null;
  /** Set by `ready`: from then on the participant consumes everyone else. */
  receiveCapabilities: CapabilitiesByKind | null = null;
  /** Set once the welcome is sent: from then on the others see this participant. */
  welcomed = false;
  /** Consumers the client attached and wants flowing: the ones audio only pauses and switching back resumes. */
  readonly attachedConsumerIds = new Set<string>();
  /** Receiving sound alone, and why; null while receiving pictures. */
  audioOnly: AudioOnlyReason | null = null;
  /** Whether the receive transport's downlink has been too slow for video for long enough. */
  readonly downlink = new LowBandwidthWatch();
  closed = false;

  constructor(
    readonly identity: ParticipantIdentity,
    readonly sink: ParticipantSink,
  ) {}

  get id(): string {
    return this.identity.id;
  }

  /**
   * What the others see of the participant, who is in `space`, whose `held` sources the
   * mediator muted and whom the mediator lets share their screen (`screenShareAllowed`).
   */
  info(space: string, held: HeldSource[], screenShareAllowed: boolean): ParticipantInfo {
    return {
      space,
      held,
      screenShareAllowed,
      id: this.identity.id,
      displayName: this.identity.displayName,
      role: this.identity.role,
      audio: this.isSending('microphone'),
      video: this.isSending('camera'),
    };
  }

  /** The participant's producer of `source`, if they send it. */
  producerOf(source: MediaSource): types.Producer<ProducerAppData> | undefined {
    for (const producer of this.producers.values()) if (producer.appData.source === source) return producer;
    return undefined;
  }

  /** One of the participant's open transports. */
  transport(transportId: string): types.WebRtcTransport | undefined {
    const found = [this.sendTransport, this.recvTransport].find((transport) => transport?.id === transportId);
    return found && !found.closed ? found : undefined;
  }

  addProducer(producer: types.Producer<ProducerAppData>): void {
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: types.Consumer<ConsumerAppData>): void {
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.consumedProducerIds.delete(consumer.producerId);
      this.attachedConsumerIds.delete(consumer.id);
    });
  }

  /** Closes both transports, and with them every producer and consumer. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sendTransport?.close();
    this.recvTransport?.close();
  }

  private isSending(source: MediaSource): boolean {
    const producer = this.producerOf(source);
    return producer !== undefined && !producer.paused;
  }
}
