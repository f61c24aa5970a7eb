import type { types } from 'mediasoup';
import {
  canSendMedia,
  ErrorCode,
  MAX_PARTICIPANTS_PER_ROOM,
  ParticipantAction,
  ServerEvent,
  type ClientPayloads,
  type ConnectionQuality,
  type ConsumerInfo,
  type ErrorBody,
  type HeldSource,
  type IceServers,
  type PreparedPayload,
  type TransportOptions,
  type WelcomePayload,
} from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { authorizeParticipant, authorizeScreenShare, authorizeScreenTakeover } from '../policy/policy.js';
import { capabilitiesByKind } from '../media/capabilities-by-kind.js';
import type { MediaWorker } from '../media/worker-pool.js';
import { Participant, type ConsumerAppData, type ParticipantIdentity, type ProducerAppData } from './participant.js';
import { HeldSources } from './held-sources.js';
import { RoomSpaces } from './room-spaces.js';
import type { RoomDoor } from './room-door.js';
import { ScreenSharePermits } from './screen-share-permits.js';
import { SpaceSpeakers } from './space-speakers.js';
import { ConnectionQualities } from './connection-qualities.js';
import { resumeAttached, setAudioOnly } from './audio-only.js';
import { followKeyFrameRequests } from './pace-key-frames.js';
import { mediaCall } from './media-call.js';
import type { ParticipantSink } from './participant-sink.js';

const INITIAL_OUTGOING_BITRATE = 600_000;
/** The simulcast layer a new picture starts at, before its viewer says what its tile needs. */
const INITIAL_SPATIAL_LAYER = 0;
/** Direct connections only: an install without TURN servers. */
const NO_TURN: IceServers = { iceServers: [], iceTransportPolicy: 'all' };

/**
 * One mediation session's video room: a mediasoup router and the participants in it.
 * The room closes when its last participant leaves or its worker dies, and then tells
 * its owner through `onClose`.
 */
export class Room {
  readonly participants = new Map<string, Participant>();
  /**
   * People connected ahead of joining (PROTOCOL.md, "Joining without waiting"): their
   * transports exist and connect, but nobody sees them, and they receive nothing, until they join.
   */
  private readonly preparing = new Map<string, Participant>();
  closed = false;
  /** Someone has been welcomed into it: it is being held. */
  private entered = false;
  /** Where each person is; the room's door holds it, so that it outlives the room. */
  private spaces = new RoomSpaces();
  /** What the mediator has muted; the room's door holds it too. */
  private held = new HeldSources();
  /** Whom the mediator lets share their screen; the room's door holds it too. */
  private screenSharePermits = new ScreenSharePermits();
  private readonly speakers: SpaceSpeakers;
  private readonly qualities = new ConnectionQualities((participant, quality) => this.announceQuality(participant, quality));

  constructor(
    readonly id: string,
    readonly caseId: string,
    readonly router: types.Router,
    readonly mediaWorker: MediaWorker,
    private readonly logger: Logger,
    private readonly onClose: (room: Room) => void,
    /** Told once, when the first person is welcomed (a preparation alone does not hold the room). */
    private readonly onFirstEntry: (room: Room) => void = () => {},
  ) {
    router.observer.once('close', () => this.close({ code: ErrorCode.mediaWorkerLost, message: 'The media server restarted; please rejoin.' }));
    this.speakers = new SpaceSpeakers(router, (space, participantId) => this.announceSpeaker(space, participantId), logger);
  }

  /** Takes what the room's door keeps of its people (once, before anyone is welcomed): spaces, mutes, screen sharing leave. */
  useDoorState(door: Pick<RoomDoor, 'spaces' | 'held' | 'screenSharePermits'>): void {
    this.spaces = door.spaces;
    this.held = door.held;
    this.screenSharePermits = door.screenSharePermits;
  }

  spacesState() {
    return this.spaces.state();
  }

  /** What everyone sees of a participant, with the space they are in. */
  infoOf(participant: Participant) {
    return participant.info(this.spaces.spaceOf(participant.id), this.held.of(participant.id), this.screenSharePermits.has(participant.id));
  }

  /**
   * Someone connected ahead of joining (while they look at their own camera): their
   * transports are made now, so that joining only starts sending and receiving. Nobody is
   * told of them. A second preparation of the same person replaces the first.
   */
  async prepare(identity: ParticipantIdentity, sink: ParticipantSink): Promise<Participant> {
    const previous = this.preparing.get(identity.id);
    if (previous) {
      // Replaced, not abandoned: the room stays open for the new one.
      this.preparing.delete(identity.id);
      previous.close();
    }
    // Every preparation is a case participant's (one per link), so this bound is the room's.
    if (this.preparing.size >= MAX_PARTICIPANTS_PER_ROOM) {
      throw new AppError(ErrorCode.roomFull, `A room holds at most ${MAX_PARTICIPANTS_PER_ROOM} participants.`);
    }
    const participant = new Participant(identity, sink);
    this.preparing.set(identity.id, participant);
    try {
      await this.createTransports(participant);
    } catch (error) {
      this.abandon(participant);
      throw error;
    }
    return participant;
  }

  /** A preparation that will not join (its connection closed): closed, and the room with it if nobody else is here. */
  abandon(participant: Participant): void {
    if (this.preparing.get(participant.id) !== participant) return;
    this.preparing.delete(participant.id);
    participant.close();
    this.closeIfEmpty();
  }

  /**
   * Admits a participant: creates their transports (or takes those of their preparation)
   * and sends them the welcome. A second connection of the same participant replaces the first.
   */
  async join(
    identity: ParticipantIdentity,
    sink: ParticipantSink,
    ice: IceServers = NO_TURN,
    preparation?: { participant: Participant; rtpCapabilities?: ClientPayloads['room:ready']['rtpCapabilities'] },
  ): Promise<Participant> {
    const prepared = preparation?.participant;
    const previous = this.participants.get(identity.id);
    if (previous) {
      previous.sink.disconnect({ code: ErrorCode.conflict, message: 'You joined from another window.' });
      this.leave(previous, { keepRoomOpen: true });
    }
    if (this.participants.size >= MAX_PARTICIPANTS_PER_ROOM) {
      throw new AppError(ErrorCode.roomFull, `A room holds at most ${MAX_PARTICIPANTS_PER_ROOM} participants.`);
    }
    // Reserve the place before the first await, so the room cannot close or overfill meanwhile.
    const usable = prepared && this.preparing.get(identity.id) === prepared && !prepared.closed;
    if (usable) this.preparing.delete(identity.id);
    const participant = usable ? prepared : new Participant(identity, sink);
    this.participants.set(identity.id, participant);
    if (!usable) {
      try {
        await this.createTransports(participant);
        if (participant.closed) throw new AppError(ErrorCode.conflict, 'You left the room while joining.');
      } catch (error) {
        this.leave(participant);
        throw error;
      }
    }
    // Prepared with a loaded device: what the space sends comes with the welcome.
    let consumers: ConsumerInfo[] | undefined;
    if (usable && preparation.rtpCapabilities) {
      try {
        consumers = await this.consumeSpace(participant, preparation.rtpCapabilities);
        if (participant.closed) throw new AppError(ErrorCode.conflict, 'You left the room while joining.');
      } catch (error) {
        this.leave(participant);
        throw error;
      }
    }

    // Welcomed, announced and listed in one synchronous step: whoever is welcomed later
    // lists this participant, whoever was welcomed earlier is told of them, and nobody gets
    // a message about the room before their own welcome.
    const others = this.others(participant);
    participant.welcomed = true;
    const info = this.infoOf(participant);
    for (const other of others) other.sink.emit(ServerEvent.participantJoined, info);
    participant.sink.emit(ServerEvent.welcome, {
      roomId: this.id,
      caseId: this.caseId,
      self: info,
      participants: others.map((p) => this.infoOf(p)),
      ...this.mediaSetup(participant),
      ice,
      consumers,
    });
    this.tellSpeaker(participant);
    if (!this.entered) {
      this.entered = true;
      this.onFirstEntry(this);
    }
    return participant;
  }

  /** The router's capabilities and the participant's transports, for their device. */
  mediaSetup(participant: Participant): Omit<PreparedPayload, 'ice'> {
    return {
      routerRtpCapabilities: this.router.rtpCapabilities as WelcomePayload['routerRtpCapabilities'],
      sendTransport: participant.sendTransport && transportOptions(participant.sendTransport),
      recvTransport: transportOptions(participant.recvTransport!),
    };
  }

  /** New ICE credentials for one of the participant's transports, whose path was lost (the client restarts ICE with them). */
  async restartIce(participant: Participant, transportId: string): Promise<TransportOptions['iceParameters']> {
    const transport = participant.transport(transportId);
    if (!transport) throw new AppError(ErrorCode.notFound, 'No such transport of yours.');
    return mediaCall(() => transport.restartIce());
  }

  async connectTransport(participant: Participant, request: ClientPayloads['media:connect-transport']): Promise<void> {
    const transport = participant.transport(request.transportId);
    if (!transport) throw new AppError(ErrorCode.notFound, 'No such transport of yours.');
    if (participant.connectedTransportIds.has(transport.id)) {
      throw new AppError(ErrorCode.conflict, 'This transport is connected already.');
    }
    await this.connectOnce(participant, transport, request.dtlsParameters);
  }

  /**
   * Connects a transport with DTLS parameters that rode on another request; a repeat (a
   * client retrying that request) is ignored rather than refused.
   */
  private async connectOnce(
    participant: Participant,
    transport: types.WebRtcTransport,
    dtlsParameters: ClientPayloads['media:connect-transport']['dtlsParameters'],
  ): Promise<void> {
    if (participant.connectedTransportIds.has(transport.id)) return;
    participant.connectedTransportIds.add(transport.id);
    try {
      await mediaCall(() => transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }));
    } catch (error) {
      participant.connectedTransportIds.delete(transport.id);
      throw error;
    }
  }

  async produce(participant: Participant, request: ClientPayloads['media:produce']): Promise<string> {
    authorizeParticipant(participant.identity.role, ParticipantAction.sendMedia);
    const transport = participant.sendTransport;
    if (!transport || transport.id !== request.transportId) {
      throw new AppError(ErrorCode.notFound, 'No such send transport of yours.');
    }
    for (const existing of participant.producers.values()) {
      if (existing.appData.source === request.source) {
        throw new AppError(ErrorCode.conflict, `You already send your ${request.source}.`);
      }
    }
    const screen = request.source === 'screen';
    if (screen) this.makeRoomForScreen(participant);
    if (request.dtlsParameters) await this.connectOnce(participant, transport, request.dtlsParameters);
    // What the mediator muted starts paused, whatever the client asked.
    const held = this.held.isHeld(participant.id, request.source);
    const producer = await mediaCall(() =>
      transport.produce<ProducerAppData>({
        kind: request.kind,
        rtpParameters: request.rtpParameters as types.RtpParameters,
        paused: held || (request.paused ?? false),
        appData: { participantId: participant.id, source: request.source },
      }),
    );
    if (participant.closed) {
      producer.close();
      throw new AppError(ErrorCode.conflict, 'You left the room.');
    }
    // Asked again now that the producer exists: the leave may have been withdrawn, or another
    // share begun in the space, while it was made.
    if (screen) {
      try {
        this.makeRoomForScreen(participant);
      } catch (error) {
        producer.close();
        throw error;
      }
    }
    participant.addProducer(producer);
    followKeyFrameRequests(producer);
    this.qualities.watchProducer(participant, producer);
    void this.speakers.place(producer, this.spaceOf(participant.id));
    if (held) participant.sink.emit(ServerEvent.heldByMediator, { source: request.source as HeldSource, held: true });
    producer.observer.once('close', () => this.broadcastInfo(participant));
    // No participant:updated for a new track: those consuming learn of it from their new
    // consumer (it names participant, kind and paused state), the others from `ready`.
    // The sender's answer does not wait for them: their consumers are made meanwhile.
    for (const other of this.others(participant)) {
      if (other.receiveCapabilities && this.sameSpace(other.id, participant.id)) void this.consumeAndOffer(other, producer);
    }
    return producer.id;
  }

  /**
   * Whether the participant may share their screen in their space now, by the policy; a
   * share of someone else there that the policy lets them take over is ended.
   */
  private makeRoomForScreen(participant: Participant): void {
    authorizeScreenShare(participant.identity.role, this.screenSharePermits.has(participant.id));
    const space = this.spaceOf(participant.id);
    for (const other of this.others(participant)) {
      const shared = other.producerOf('screen');
      if (!shared || this.spaceOf(other.id) !== space) continue;
      authorizeScreenTakeover(participant.identity.role, other.identity);
      this.closeForOwner(other, shared, { code: ErrorCode.screenShareTakenOver, message: 'The mediator is sharing their screen now.' });
    }
  }

  /** Closes a producer on the server's own account and tells its owner why. */
  private closeForOwner(owner: Participant, producer: types.Producer<ProducerAppData>, reason: ErrorBody): void {
    producer.close();
    owner.sink.emit(ServerEvent.producerClosed, { producerId: producer.id, source: producer.appData.source, reason });
  }

  /**
   * The mediator lets a person share their screen, or withdraws it: a share of theirs ends
   * at once. Everyone sees the change; the person learns it from their own update.
   */
  setScreenShareAllowed(participantId: string, allowed: boolean): void {
    const participant = this.participants.get(participantId);
    if (!participant) return;
    const shared = participant.producerOf('screen');
    if (!allowed && shared) {
      this.closeForOwner(participant, shared, { code: ErrorCode.screenShareNotAllowed, message: 'The mediator withdrew your screen sharing.' });
    }
    const info = this.infoOf(participant);
    for (const p of this.participants.values()) if (p.welcomed) p.sink.emit(ServerEvent.participantUpdated, info);
  }

  private async consumeAndOffer(participant: Participant, producer: types.Producer<ProducerAppData>): Promise<void> {
    try {
      const consumer = await this.consume(participant, producer);
      if (consumer) await this.offer(participant, [consumer]);
    } catch (error) {
      this.logger.error({ err: error, room: this.id, participant: participant.id }, 'offering a new track failed');
    }
  }

  async setProducerPaused(participant: Participant, request: ClientPayloads['media:set-producer-paused']): Promise<void> {
    const producer = participant.producers.get(request.producerId);
    if (!producer) throw new AppError(ErrorCode.notFound, 'No such producer of yours.');
    if (!request.paused && this.held.isHeld(participant.id, producer.appData.source)) {
      throw new AppError(ErrorCode.heldByMediator, 'The mediator muted this; ask the mediator to allow it again.');
    }
    await mediaCall(() => (request.paused ? producer.pause() : producer.resume()));
    this.broadcastInfo(participant);
  }

  /**
   * The mediator mutes (`held`) or allows again one source of a person: muting pauses it on
   * the server at once, whatever their page does; allowing leaves it paused for them to resume.
   * Everyone sees the change; the person is told.
   */
  async setHeld(participantId: string, source: HeldSource, held: boolean): Promise<void> {
    const participant = this.participants.get(participantId);
    if (!participant) return;
    if (held) {
      for (const producer of participant.producers.values()) {
        if (producer.appData.source === source && !producer.paused) await mediaCall(() => producer.pause());
      }
    }
    participant.sink.emit(ServerEvent.heldByMediator, { source, held });
    const info = this.infoOf(participant);
    for (const p of this.participants.values()) if (p.welcomed) p.sink.emit(ServerEvent.participantUpdated, info);
  }

  closeProducer(participant: Participant, request: ClientPayloads['media:close-producer']): void {
    const producer = participant.producers.get(request.producerId);
    if (!producer) throw new AppError(ErrorCode.notFound, 'No such producer of yours.');
    producer.close();
  }

  /** The participant's device is loaded: consume everything already sent in the room. */
  async ready(participant: Participant, request: ClientPayloads['room:ready']): Promise<ConsumerInfo[]> {
    const consumers = await this.consumeSpace(participant, request.rtpCapabilities);
    this.sendQualities(participant);
    return consumers;
  }

  /** Paused consumers of everything sent in the participant's space that they do not receive yet. */
  private async consumeSpace(participant: Participant, rtpCapabilities: ClientPayloads['room:ready']['rtpCapabilities']): Promise<ConsumerInfo[]> {
    participant.receiveCapabilities = capabilitiesByKind(rtpCapabilities as types.RtpCapabilities);
    const producers = this.others(participant)
      .filter((other) => this.sameSpace(other.id, participant.id))
      .flatMap((other) => [...other.producers.values()]);
    const consumers = await Promise.all(producers.map((producer) => this.consume(participant, producer)));
    return consumers.filter((consumer): consumer is ConsumerInfo => consumer !== null);
  }

  async resumeConsumers(participant: Participant, request: ClientPayloads['media:resume-consumers']): Promise<void> {
    const consumers = request.consumerIds.map((id) => participant.consumers.get(id));
    if (consumers.some((consumer) => !consumer)) throw new AppError(ErrorCode.notFound, 'No such consumer of yours.');
    if (request.dtlsParameters) await this.connectOnce(participant, participant.recvTransport!, request.dtlsParameters);
    await Promise.all(consumers.map((consumer) => mediaCall(() => resumeAttached(participant, consumer!))));
  }

  /** Pushes consumers to a participant and resumes the ones their device attached. */
  private async offer(participant: Participant, consumers: ConsumerInfo[]): Promise<void> {
    const attached = await participant.sink.offerConsumers(consumers);
    if (attached.dtlsParameters) {
      try {
        await this.connectOnce(participant, participant.recvTransport!, attached.dtlsParameters);
      } catch (error) {
        // Bad parameters from this client: its media will not flow, nobody else is affected.
        this.logger.warn({ err: error, room: this.id, participant: participant.id }, 'connecting a receive transport failed');
        return;
      }
    }
    await Promise.all(
      attached.consumerIds.map(async (consumerId) => {
        const consumer = participant.consumers.get(consumerId);
        if (!consumer || consumer.closed) return;
        try {
          await resumeAttached(participant, consumer);
        } catch (error) {
          // Closed while resuming (the producer or the participant left; the worker may say so
          // before `closed` is set here): nothing to resume, and nothing wrong with the server.
          this.logger.debug({ err: error, room: this.id }, 'a consumer closed while it was resumed');
        }
      }),
    );
  }

  /** Closes everything the participant owns and tells the others. Safe to call twice. */
  leave(participant: Participant, options: { keepRoomOpen?: boolean } = {}): void {
    if (this.participants.get(participant.id) !== participant) return;
    this.participants.delete(participant.id);
    participant.close();
    this.qualities.forget(participant.id);
    if (participant.welcomed) {
      for (const other of this.others(participant)) other.sink.emit(ServerEvent.participantLeft, { participantId: participant.id });
    }
    if (!options.keepRoomOpen) this.closeIfEmpty();
  }

  private closeIfEmpty(): void {
    if (this.participants.size === 0 && this.preparing.size === 0) this.close();
  }

  /**
   * After people moved between spaces: first every consumer that now crosses a space's
   * boundary is closed (in both directions), and only then are the consumers made that the
   * new spaces call for, so nobody hears the space they left once they are in another.
   * Everyone is told where the movers now are.
   */
  async rearrange(movedIds: readonly string[]): Promise<void> {
    const moved = new Set(movedIds);
    const welcomed = [...this.participants.values()].filter((p) => p.welcomed);
    // A shared screen belongs to the space it was shown in: it does not follow its sharer into
    // another (nor meet a screen shared there already).
    for (const participant of welcomed) {
      const shared = participant.producerOf('screen');
      if (moved.has(participant.id) && shared) {
        this.closeForOwner(participant, shared, { code: ErrorCode.movedToAnotherSpace, message: 'Your screen share ended as you moved.' });
      }
    }
    for (const participant of welcomed) {
      for (const consumer of [...participant.consumers.values()]) {
        const owner = consumer.appData.producerParticipantId;
        if (!moved.has(participant.id) && !moved.has(owner)) continue;
        if (this.sameSpace(participant.id, owner)) continue;
        consumer.close();
        participant.sink.emit(ServerEvent.consumerClosed, { consumerId: consumer.id });
      }
    }
    for (const participant of welcomed) {
      const update = this.infoOf(participant);
      if (moved.has(participant.id)) for (const p of welcomed) p.sink.emit(ServerEvent.participantUpdated, update);
    }
    const state = this.spaces.state();
    for (const participant of welcomed) participant.sink.emit(ServerEvent.spaces, state);
    for (const participant of welcomed) if (moved.has(participant.id)) this.tellSpeaker(participant);
    for (const id of moved) {
      for (const producer of this.participants.get(id)?.producers.values() ?? []) void this.speakers.place(producer, this.spaceOf(id));
    }
    // Whoever gained or lost someone learns the qualities of the people now in their space.
    const changedSpaces = new Set([...moved].map((id) => this.spaceOf(id)));
    for (const participant of welcomed) {
      if (moved.has(participant.id) || changedSpaces.has(this.spaceOf(participant.id))) this.sendQualities(participant);
    }

    await Promise.all(
      welcomed.map(async (participant) => {
        if (!participant.receiveCapabilities) return;
        const producers = welcomed
          .filter((other) => other !== participant && (moved.has(participant.id) || moved.has(other.id)))
          .flatMap((other) => [...other.producers.values()]);
        try {
          const consumers = (await Promise.all(producers.map((producer) => this.consume(participant, producer)))).filter(
            (consumer): consumer is ConsumerInfo => consumer !== null,
          );
          if (consumers.length > 0) await this.offer(participant, consumers);
        } catch (error) {
          this.logger.error({ err: error, room: this.id, participant: participant.id }, 'offering the tracks of a new space failed');
        }
      }),
    );
  }

  /** Tells the people of `space` who speaks there, if that person is still there. */
  private announceSpeaker(space: string, participantId: string): void {
    if (this.closed || this.spaceOf(participantId) !== space) return;
    for (const participant of this.participants.values()) {
      if (participant.welcomed && this.spaceOf(participant.id) === space) participant.sink.emit(ServerEvent.activeSpeaker, { participantId });
    }
  }

  /** Tells the people of a person's space (them included) how well that person's connection does now. */
  private announceQuality(subject: Participant, quality: ConnectionQuality): void {
    if (this.closed) return;
    const space = this.spaceOf(subject.id);
    const push = { qualities: [{ participantId: subject.id, quality }] };
    for (const participant of this.participants.values()) {
      if (participant.welcomed && this.spaceOf(participant.id) === space) participant.sink.emit(ServerEvent.connectionQuality, push);
    }
  }

  /** Tells a person the qualities last announced of everyone in their space, themselves included. */
  private sendQualities(participant: Participant): void {
    const space = this.spaceOf(participant.id);
    const qualities = [...this.participants.values()]
      .filter((p) => p.welcomed && this.spaceOf(p.id) === space)
      .map((p) => ({ participantId: p.id, quality: this.qualities.announcedOf(p.id) }));
    participant.sink.emit(ServerEvent.connectionQuality, { qualities });
  }

  /**
   * One sample of the media server's bandwidth estimate of a viewer's receive transport:
   * a downlink too slow for video for long enough switches them to sound alone, and they
   * are told why. Switching back is theirs to choose.
   */
  private watchDownlink(participant: Participant, trace: types.TransportTraceEventData): void {
    if (trace.type !== 'bwe' || participant.closed || participant.audioOnly) return;
    const sample = trace.info as { desiredBitrate: number; availableBitrate: number };
    if (!participant.downlink.tooSlowForVideo(sample, Date.now())) return;
    this.logger.info({ room: this.id, participant: participant.id, availableBitrate: sample.availableBitrate }, 'downlink too slow for video: audio only');
    setAudioOnly(participant, true, 'low-bandwidth').catch((error: unknown) =>
      this.logger.warn({ err: error, room: this.id, participant: participant.id }, 'switching to audio only failed'),
    );
  }

  /** Tells someone new to a space who speaks there, if that person is still there. */
  private tellSpeaker(participant: Participant): void {
    const space = this.spaceOf(participant.id);
    const speaker = this.speakers.currentIn(space);
    if (speaker && this.participants.has(speaker) && this.spaceOf(speaker) === space) {
      participant.sink.emit(ServerEvent.activeSpeaker, { participantId: speaker });
    }
  }

  /** The space a participant is in (MAIN_SPACE or a caucus). */
  spaceOf(participantId: string): string {
    return this.spaces.spaceOf(participantId);
  }

  /** Whether two participants see and hear each other: they are in the same space. */
  sameSpace(a: string, b: string): boolean {
    return this.spaces.spaceOf(a) === this.spaces.spaceOf(b);
  }

  close(reason?: ErrorBody): void {
    if (this.closed) return;
    this.closed = true;
    for (const participant of [...this.participants.values(), ...this.preparing.values()]) {
      participant.close();
      if (reason) participant.sink.disconnect(reason);
    }
    this.participants.clear();
    this.preparing.clear();
    this.qualities.close();
    this.router.close();
    this.logger.info({ room: this.id, reason: reason?.code }, 'room closed');
    this.onClose(this);
  }

  /** The others who have been welcomed (not those whose join is still creating transports). */
  private others(participant: Participant): Participant[] {
    return [...this.participants.values()].filter((p) => p !== participant && p.welcomed);
  }

  private broadcastInfo(participant: Participant): void {
    if (participant.closed) return;
    const info = this.infoOf(participant);
    for (const other of this.others(participant)) other.sink.emit(ServerEvent.participantUpdated, info);
  }

  /** Both transports of a participant (only the receiving one for a role that sends nothing). */
  private async createTransports(participant: Participant): Promise<void> {
    const [recvTransport, sendTransport] = await Promise.all([
      this.createTransport(participant, 'recv'),
      canSendMedia(participant.identity.role) ? this.createTransport(participant, 'send') : null,
    ]);
    participant.recvTransport = recvTransport;
    participant.sendTransport = sendTransport;
  }

  private async createTransport(participant: Participant, direction: 'send' | 'recv'): Promise<types.WebRtcTransport> {
    const transport = await this.router.createWebRtcTransport({
      webRtcServer: this.mediaWorker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { participantId: participant.id, direction },
    });
    if (participant.closed) transport.close();
    else if (direction === 'recv') {
      transport.on('trace', (trace) => this.watchDownlink(participant, trace));
      await transport.enableTraceEvent(['bwe']);
    }
    return transport;
  }

  /** Creates a paused consumer of `producer` for `participant`, unless it has one already. */
  private async consume(participant: Participant, producer: types.Producer<ProducerAppData>): Promise<ConsumerInfo | null> {
    const { recvTransport, receiveCapabilities } = participant;
    if (!recvTransport || !receiveCapabilities || participant.consumedProducerIds.has(producer.id)) return null;
    // Nobody ever receives from another space.
    const owner = producer.appData.participantId;
    if (!this.sameSpace(participant.id, owner)) return null;
    participant.consumedProducerIds.add(producer.id);
    let consumer: types.Consumer<ConsumerAppData>;
    try {
      // consume() itself refuses what the device cannot decode (UnsupportedError);
      // asking canConsume() first would clone the capabilities a second time.
      consumer = await recvTransport.consume<ConsumerAppData>({
        producerId: producer.id,
        rtpCapabilities: receiveCapabilities[producer.kind],
        paused: true,
        // A camera starts at its smallest layer, whose key frame comes first; the viewer's tile
        // then asks for the layer it needs (media:prefer-layers). Starting at the top and being
        // asked down at once left nothing to show until the lower layer's key frame.
        preferredLayers: producer.type === 'simulcast' ? { spatialLayer: INITIAL_SPATIAL_LAYER } : undefined,
        appData: { producerParticipantId: owner },
      });
    } catch (error) {
      participant.consumedProducerIds.delete(producer.id);
      // A codec the device lacks, or the producer or participant went away meanwhile.
      if ((error instanceof Error && error.name === 'UnsupportedError') || producer.closed || participant.closed) return null;
      throw error;
    }
    // A move between spaces while the consumer was made: it must not stay.
    if (!this.sameSpace(participant.id, owner)) {
      consumer.close();
      participant.consumedProducerIds.delete(producer.id);
      return null;
    }
    participant.addConsumer(consumer);
    this.qualities.watchConsumer(participant, consumer);
    consumer.on('producerclose', () => {
      consumer.close();
      participant.sink.emit(ServerEvent.consumerClosed, { consumerId: consumer.id });
    });
    return {
      id: consumer.id,
      producerId: producer.id,
      participantId: producer.appData.participantId,
      kind: consumer.kind,
      source: producer.appData.source,
      rtpParameters: consumer.rtpParameters as ConsumerInfo['rtpParameters'],
      producerPaused: consumer.producerPaused,
    };
  }
}

function transportOptions(transport: types.WebRtcTransport): TransportOptions {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates as TransportOptions['iceCandidates'],
    dtlsParameters: transport.dtlsParameters as TransportOptions['dtlsParameters'],
  };
}
