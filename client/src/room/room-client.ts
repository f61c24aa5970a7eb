import {
  ClientEvent,
  ErrorCode,
  ServerEvent,
  type ConsumerInfo,
  type HandshakeAuth,
  type LobbyState,
  type SpacesState,
  type HeldSource,
  type UnmuteAskedPush,
  type ChatMessage,
  type ParticipantInfo,
  type WelcomePayload,
  type AudioOnlyPush,
  type ConnectionQuality,
  type ConnectionQualityPush,
} from '@mediation/shared';
import { DraftingSession } from '../drafting/drafting-session';
import { ClientErrorCode } from '../errors/client-error-codes';
import { SigningSession } from '../signing/signing-session';
import { CodedError, errorCodeOf, isKnownErrorCode, type AnyErrorCode } from '../errors/coded-error';
import type { LocalMedia, LocalSource } from './local-media';
import { MediaSession, type RemoteTrack } from './media-session';
import { OwnConnectionQuality, OWN_STATS_INTERVAL_MS } from './own-connection-quality';
import { request } from './request';
import type { RoomEnd } from './room-end';
import type { RoomPreparation } from './room-preparation';
import { openRoomSocket, type RoomSocket } from './room-socket';
import { SerialQueue } from '@mediation/shared';

const LEAVE_TIMEOUT_MS = 3_000;
/** After the media server lost its worker: back in at once (the service waits for the worker that replaces it). */
const WORKER_LOSS_REJOIN_DELAY_MS = 100;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** What the room client reports; the room store turns it into what the screen shows. */
export interface RoomClientListener {
  onWelcome(welcome: WelcomePayload): void;
  onParticipantJoined(participant: ParticipantInfo): void;
  onParticipantUpdated(participant: ParticipantInfo): void;
  onParticipantLeft(participantId: string): void;
  /** A participant's track is on its way: whether they send it now (unpaused) comes with it. */
  onTrackAnnounced(participantId: string, source: ConsumerInfo['source'], sending: boolean): void;
  onRemoteTrack(remote: RemoteTrack): void;
  onRemoteTrackEnded(remote: RemoteTrack): void;
  onConnection(state: ConnectionState): void;
  /** In the lobby until the mediator lets them in; whether a mediator is in the room to do it. */
  onWaiting(mediatorPresent: boolean): void;
  /** For whoever runs the room: who waits, and whether it is locked. */
  onLobbyState(state: LobbyState): void;
  /** Where everyone is: the main room or a caucus. */
  onSpaces(state: SpacesState): void;
  /** The mediator muted (or allowed again) one of this person's sources. */
  onHeld(source: HeldSource, held: boolean): void;
  /** For whoever runs the room: someone asks to unmute. */
  onUnmuteAsked(ask: UnmuteAskedPush): void;
  /** A chat message of one's own space, from someone else. */
  onChatMessage(message: ChatMessage): void;
  /** Who speaks now in one's own space. */
  onActiveSpeaker(participantId: string): void;
  /**
   * This person's screen share ended: stopped by them or their browser (`reason` null), by
   * the connection's loss, or by the server (`reason`: why).
   */
  onScreenShareEnded(reason: AnyErrorCode | null): void;
  /** Whether this person receives sound alone now, and why. */
  onAudioOnly(push: AudioOnlyPush): void;
  /** How well the connections of people of one's own space do, as the media server scores them. */
  onConnectionQualities(push: ConnectionQualityPush): void;
  /** How well this page's own connection does, from its WebRTC statistics. */
  onOwnQuality(quality: ConnectionQuality): void;
  /** Something failed but the participant is still in the room. */
  onProblem(code: AnyErrorCode): void;
  onEnd(end: RoomEnd): void;
}

/**
 * One participant's presence in a room: the signalling socket, the media session of the current
 * connection, the drafting session, and the local tracks, which it owns and stops when it ends.
 * Server pushes are applied one at a time in arrival order. After a reconnection the server
 * welcomes the participant again and the media session is rebuilt from scratch; the drafting
 * session keeps its documents and resyncs them.
 */
export class RoomClient {
  private readonly socket: RoomSocket;
  /** The case's live documents on this room's socket; destroyed when the room ends. */
  readonly drafting: DraftingSession;
  /** The frozen agreement, signatures and the issued document on this room's socket. */
  readonly signing: SigningSession;
  /** Server pushes are applied in arrival order even when one of them (the welcome, a consume) takes a while. */
  private readonly queue = new SerialQueue();
  private session: MediaSession | null = null;
  private welcomed = false;
  private ended = false;
  /** The room's media worker died: the server's disconnect that follows is answered by coming back. */
  private mediaWorkerLost = false;
  /**
   * The screen this person shares, on the current connection only: it is not shared again
   * after a reconnection, which the person may not expect once the picture froze.
   */
  private screen: MediaStreamTrack | null = null;

  /** The room joined ahead during the device check, until the welcome takes its media session. */
  private preparation: RoomPreparation | null;
  /** The simulcast layer each person's camera tile asks for, and the layer last asked of each consumer. */
  private readonly preferredLayers = new Map<string, number>();
  private readonly layersAsked = new Map<string, number>();
  /** Sound alone by this person's choice: asked for again after a reconnection. */
  private audioOnlyChosen = false;
  private readonly ownQuality = new OwnConnectionQuality();
  private readonly statsTimer: ReturnType<typeof setInterval>;

  constructor(
    auth: HandshakeAuth,
    private readonly local: LocalMedia,
    private readonly listener: RoomClientListener,
    preparation?: RoomPreparation,
  ) {
    this.preparation = preparation ?? null;
    this.socket = preparation?.take() ?? openRoomSocket(auth);
    this.drafting = new DraftingSession(this.socket);
    this.signing = new SigningSession(this.socket);
    this.listenToConnection();
    this.listenToRoom();
    listener.onConnection('connecting');
    if (preparation) {
      // Connected ahead: in now (through the lobby, if the case has one), with the devices
      // chosen and what the prepared device receives, so that the welcome brings the consumers.
      preparation
        .capabilities()
        .then((rtpCapabilities) => request(this.socket, ClientEvent.enter, { devices: auth.devices, rtpCapabilities }))
        .catch((error: unknown) => {
          if (!this.ended) this.end({ reason: 'failed', code: errorCodeOf(error) });
        });
    }
    this.statsTimer = setInterval(() => this.readOwnStats(), OWN_STATS_INTERVAL_MS);
  }

  /** The simulcast layer that fits the tile of a person's camera; asked of the server when it changes. */
  preferLayer(participantId: string, spatialLayer: number): void {
    this.preferredLayers.set(participantId, spatialLayer);
    this.apply(() => this.askPreferredLayer(participantId));
  }

  /** Receive sound alone, or pictures again. */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    this.audioOnlyChosen = audioOnly;
    await this.queue.push(() => this.session && request(this.socket, ClientEvent.setAudioOnly, { audioOnly }));
  }

  private async askPreferredLayer(participantId: string): Promise<void> {
    const spatialLayer = this.preferredLayers.get(participantId);
    const consumerId = this.session?.consumerIdOf(participantId, 'camera');
    if (spatialLayer === undefined || !consumerId || this.layersAsked.get(consumerId) === spatialLayer) return;
    this.layersAsked.set(consumerId, spatialLayer);
    try {
      await request(this.socket, ClientEvent.preferLayers, { consumerId, spatialLayer });
    } catch (error) {
      this.layersAsked.delete(consumerId);
      // The camera stopped or its person moved meanwhile: its next consumer is asked anew.
      if (errorCodeOf(error) !== ErrorCode.notFound) throw error;
    }
  }

  private readOwnStats(): void {
    const session = this.session;
    if (!session) return;
    session.transportStats().then(
      (reports) => {
        if (session === this.session) this.listener.onOwnQuality(this.ownQuality.grade(reports));
      },
      // A transport closed during the reading: the next session is read next time.
      () => this.listener.onOwnQuality('unknown'),
    );
  }

  /**
   * Pauses or resumes a local source. The track is disabled at once, so a mute never waits
   * for the network; the server is told after any media set-up still in progress.
   */
  async setPaused(source: LocalSource, paused: boolean): Promise<void> {
    const track = this.local.tracks[source];
    if (!track) return;
    this.local.paused[source] = paused;
    track.enabled = !paused;
    try {
      await this.queue.push(() => this.session?.setPaused(source, paused));
    } catch (error) {
      this.local.paused[source] = !paused;
      track.enabled = paused;
      throw error;
    }
  }

  /**
   * Shares a captured screen; this client owns the track from now on and stops it when the
   * share ends. The browser's own "Stop sharing" ends the track, and with it the share.
   */
  async shareScreen(track: MediaStreamTrack): Promise<void> {
    if (this.screen || this.ended) {
      track.stop();
      return;
    }
    this.screen = track;
    track.addEventListener('ended', () => {
      this.stopScreenShare().catch((error: unknown) => this.listener.onProblem(errorCodeOf(error)));
    });
    try {
      await this.queue.push(async () => {
        if (!this.session) throw new CodedError(ClientErrorCode.networkError, 'no media session to share the screen on');
        // Stopped before it could be sent (the browser's bar, a reconnection): nothing to send.
        if (this.screen === track) await this.session.produceScreen(track);
      });
    } catch (error) {
      if (this.screen === track) this.dropScreen(null);
      throw error;
    }
  }

  /** Stops sharing the screen: at once here, then on the server after any media set-up in progress. */
  async stopScreenShare(): Promise<void> {
    if (!this.screen) return;
    this.dropScreen(null);
    await this.queue.push(() => this.session?.closeScreen());
  }

  /** The mediator's: let someone share their screen, or withdraw it (their share ends). */
  async allowScreenShare(participantId: string, allowed: boolean): Promise<void> {
    await request(this.socket, ClientEvent.allowScreenShare, { participantId, allowed });
  }

  private dropScreen(reason: AnyErrorCode | null): void {
    const track = this.screen;
    if (!track) return;
    this.screen = null;
    track.stop();
    this.listener.onScreenShareEnded(reason);
  }

  /** The mediator's: let a waiting person in, or turn them away. */
  async admit(participantId: string, admitted: boolean): Promise<void> {
    await request(this.socket, admitted ? ClientEvent.admit : ClientEvent.turnAway, { participantId });
  }

  async setLocked(locked: boolean): Promise<void> {
    await request(this.socket, ClientEvent.setLocked, { locked });
  }

  async removeFromRoom(participantId: string): Promise<void> {
    await request(this.socket, ClientEvent.removeParticipant, { participantId });
  }

  /** The mediator's private sessions: open one with some people, move someone (or oneself), close one. */
  async openCaucus(participantIds: string[], name: string, stayInMain: boolean): Promise<void> {
    await request(this.socket, ClientEvent.openCaucus, { participantIds, name, stayInMain });
  }

  async moveToSpace(participantId: string, space: string): Promise<void> {
    await request(this.socket, ClientEvent.moveToSpace, { participantId, space });
  }

  async closeCaucus(caucusId: string): Promise<void> {
    await request(this.socket, ClientEvent.closeCaucus, { caucusId });
  }

  /** The mediator's: mute someone's microphone or camera, or allow it again. */
  async setHeld(participantId: string, source: HeldSource, held: boolean): Promise<void> {
    await request(this.socket, held ? ClientEvent.muteParticipant : ClientEvent.allowUnmute, { participantId, source });
  }

  sendChat(text: string): Promise<ChatMessage> {
    return request(this.socket, ClientEvent.sendChat, { text });
  }

  async listChat(): Promise<ChatMessage[]> {
    return (await request(this.socket, ClientEvent.listChat, {})).messages;
  }

  async askToUnmute(source: HeldSource): Promise<void> {
    await request(this.socket, ClientEvent.askToUnmute, { source });
  }

  private holdLocally(source: HeldSource): void {
    const track = this.local.tracks[source];
    this.local.paused[source] = true;
    if (track) track.enabled = false;
    this.queue.push(() => this.session?.pauseLocally(source)).catch(() => undefined);
  }

  /** Ends the session for everyone, the mediator included. */
  async endSession(): Promise<void> {
    await request(this.socket, ClientEvent.endSession, {});
    this.end({ reason: 'ended' });
  }

  async leave(): Promise<void> {
    if (this.ended) return;
    if (this.socket.connected) {
      try {
        await request(this.socket, ClientEvent.leave, {}, LEAVE_TIMEOUT_MS);
      } catch (error) {
        // Disconnecting below removes the participant too; the leave request only makes it prompt.
        console.warn('room:leave was not acknowledged; disconnecting anyway', error);
      }
    }
    this.end({ reason: 'left' });
  }

  /** Ends without telling the server first (the page is going away); the disconnect tells it. */
  dispose(): void {
    this.end({ reason: 'left' });
  }

  private listenToConnection(): void {
    this.socket.on('connect_error', (error) => {
      // While Socket.IO is still retrying the failure is temporary; a refusal stops it.
      if (this.socket.active) {
        if (this.welcomed) this.listener.onConnection('reconnecting');
        return;
      }
      const code: unknown = error.data?.code;
      this.end({ reason: 'refused', code: isKnownErrorCode(code) ? code : ClientErrorCode.networkError });
    });
    this.socket.on('disconnect', (reason) => {
      if (this.ended) return;
      this.closeSession();
      this.dropScreen(null);
      if (reason === 'io server disconnect' && this.mediaWorkerLost) {
        // Nobody clicks Rejoin: the room opens again on a live worker, the documents resync.
        this.mediaWorkerLost = false;
        this.listener.onConnection('reconnecting');
        setTimeout(() => {
          if (!this.ended) this.socket.connect();
        }, WORKER_LOSS_REJOIN_DELAY_MS);
      } else if (reason === 'io server disconnect') this.end({ reason: 'disconnected' });
      else this.listener.onConnection('reconnecting');
    });
  }

  private listenToRoom(): void {
    const { socket, listener } = this;
    socket.on(ServerEvent.welcome, (welcome) => {
      // Documents do not wait for the media set-up queued before this welcome.
      this.drafting.open({ caseId: welcome.caseId, self: welcome.self });
      this.apply(() => this.enter(welcome));
    });
    socket.on(ServerEvent.lobbyWaiting, ({ mediatorPresent }, ack) => {
      ack();
      listener.onWaiting(mediatorPresent);
    });
    socket.on(ServerEvent.lobbyState, (state) => listener.onLobbyState(state));
    // In arrival order with the consumers it closes and opens.
    socket.on(ServerEvent.spaces, (state) => this.apply(() => listener.onSpaces(state)));
    socket.on(ServerEvent.heldByMediator, ({ source, held }) => {
      // Muted by the mediator: the track stops here too, at once, not only on the server.
      if (held) this.holdLocally(source);
      listener.onHeld(source, held);
    });
    socket.on(ServerEvent.unmuteAsked, (ask) => listener.onUnmuteAsked(ask));
    socket.on(ServerEvent.chatMessage, (message) => listener.onChatMessage(message));
    socket.on(ServerEvent.activeSpeaker, ({ participantId }) => listener.onActiveSpeaker(participantId));
    socket.on(ServerEvent.audioOnly, (push) => listener.onAudioOnly(push));
    socket.on(ServerEvent.connectionQuality, (push) => listener.onConnectionQualities(push));
    socket.on(ServerEvent.participantJoined, (participant) => this.apply(() => listener.onParticipantJoined(participant)));
    socket.on(ServerEvent.participantUpdated, (participant) => this.apply(() => listener.onParticipantUpdated(participant)));
    socket.on(ServerEvent.participantLeft, ({ participantId }) => this.apply(() => this.removeParticipant(participantId)));
    // Acknowledging with the attached consumers is what has the server resume them.
    socket.on(ServerEvent.consumersAdded, (consumers, ack) =>
      this.apply(async () => {
        const consumerIds = await this.consume(consumers);
        ack({ consumerIds, dtlsParameters: this.session?.takeRecvDtlsParameters() });
      }),
    );
    socket.on(ServerEvent.consumerClosed, ({ consumerId }) => this.apply(() => this.closeConsumer(consumerId)));
    // In order with the produce it answers: the screen's producer exists here by then.
    socket.on(ServerEvent.producerClosed, ({ producerId, reason }) =>
      this.apply(() => {
        if (this.session?.forgetProducer(producerId)) this.dropScreen(isKnownErrorCode(reason.code) ? reason.code : ClientErrorCode.unexpectedResponse);
      }),
    );
    socket.on(ServerEvent.roomClosed, ({ code }) => {
      if (code === ErrorCode.mediaWorkerLost) {
        this.mediaWorkerLost = true;
        return;
      }
      this.end({ reason: 'closed', code: isKnownErrorCode(code) ? code : ClientErrorCode.unexpectedResponse });
    });
  }

  private apply(task: () => Promise<void> | void): void {
    this.queue.push(task).catch((error: unknown) => {
      if (!this.ended) this.listener.onProblem(errorCodeOf(error));
    });
  }

  /**
   * The protocol's entry sequence: load the device, build the transports, then at once
   * send the local tracks and declare ready to consume everything already in the room.
   */
  private async enter(welcome: WelcomePayload): Promise<void> {
    this.closeSession();
    this.welcomed = true;
    this.listener.onWelcome(welcome);
    let session: MediaSession | null = null;
    try {
      // What was prepared ahead, if the welcome names its transports; otherwise made now.
      const prepared = await this.preparation?.session(welcome.sendTransport, welcome.recvTransport);
      this.preparation = null;
      session = prepared ?? (await MediaSession.open(this.socket, welcome));
      if (this.ended || this.socket.disconnected) {
        session.close();
        return;
      }
      this.session = session;
      const opened = session;
      // Sending and receiving do not wait for each other: the join takes the longer of the two.
      // Prepared ahead, the welcome brings what the space sends: received first, so that the
      // first picture waits for nothing else; sending begins right after.
      if (welcome.consumers?.length) await opened.resume(await this.consume(welcome.consumers));
      // Sending and receiving do not wait for each other: the join takes the longer of the two.
      const [produced] = await Promise.all([
        opened.produceLocalMedia(this.local),
        opened.ready().then(async (consumers) => opened.resume(await this.consume(consumers))),
      ]);
      // A disconnect closed it meanwhile: the next welcome starts over.
      if (opened.closed) return;
      if (this.audioOnlyChosen) await request(this.socket, ClientEvent.setAudioOnly, { audioOnly: true });
      produced.failures.forEach((failure) => this.listener.onProblem(errorCodeOf(failure)));
      this.listener.onConnection('connected');
    } catch (error) {
      // A disconnect or a newer welcome replaced this session; the next welcome starts over.
      if (this.ended || this.session !== session) return;
      this.end({ reason: 'failed', code: errorCodeOf(error) });
    }
  }

  /** Attaches consumers; returns the ids of those attached. */
  private async consume(consumers: ConsumerInfo[]): Promise<string[]> {
    const session = this.session;
    if (!session || consumers.length === 0) return [];
    for (const info of consumers) this.listener.onTrackAnnounced(info.participantId, info.source, !info.producerPaused);
    const outcome = await session.consume(consumers);
    // A reconnection replaced the session meanwhile: its welcome offers everything anew.
    if (session.closed) return [];
    outcome.attached.forEach((remote) => this.listener.onRemoteTrack(remote));
    // After the acknowledgement that resumes them: a camera's picture narrowed to its tile.
    for (const remote of outcome.attached) if (remote.source === 'camera') this.apply(() => this.askPreferredLayer(remote.participantId));
    outcome.failures.forEach((failure) => this.listener.onProblem(errorCodeOf(failure)));
    return outcome.attachedIds;
  }

  private closeConsumer(consumerId: string): void {
    const remote = this.session?.closeConsumer(consumerId);
    if (remote) this.listener.onRemoteTrackEnded(remote);
  }

  private removeParticipant(participantId: string): void {
    this.session?.closeConsumersOf(participantId).forEach((remote) => this.listener.onRemoteTrackEnded(remote));
    this.listener.onParticipantLeft(participantId);
  }

  private closeSession(): void {
    this.session?.close();
    this.session = null;
  }

  private end(end: RoomEnd): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.statsTimer);
    this.closeSession();
    this.dropScreen(null);
    // Before the disconnect, so that the others' carets of this participant disappear at once.
    this.drafting.destroy();
    this.signing.destroy();
    this.socket.disconnect();
    // A participant without a camera or microphone has no track of that kind.
    for (const track of Object.values(this.local.tracks)) track?.stop();
    this.listener.onEnd(end);
  }
}
