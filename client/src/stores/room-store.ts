import { canSendMedia, ErrorCode, MAIN_SPACE, ParticipantAction, Role, roleMay, worseQuality, type AudioOnlyReason, type ConnectionQuality, type HeldSource, type SpacesState, type UnmuteAskedPush, type ChatMessage, type LobbyEntry, type LobbyState, type MediaSource, type ParticipantInfo, type WelcomePayload } from '@mediation/shared';
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { errorCodeOf, type AnyErrorCode } from '../errors/coded-error';
import { captureScreen, screenCaptureSupported } from '../media/capture-screen';
import { LOCAL_SOURCES, localMediaFrom, type LocalMedia, type LocalSource } from '../room/local-media';
import { keepOwnMutes, readOwnMutes } from '../room/own-mutes';
import type { RemoteTrack } from '../room/media-session';
import { RoomClient, type ConnectionState, type RoomClientListener } from '../room/room-client';
import { RoomPreparation } from '../room/room-preparation';
import type { RoomEnd } from '../room/room-end';
import { useDraftingStore } from './drafting-store';
import { useSigningStore } from './signing-store';

/** `waiting`: in the lobby until the mediator lets them in. */
export type RoomPhase = 'idle' | ConnectionState | 'waiting' | 'ended';

type TracksBySource = Partial<Record<MediaSource, MediaStreamTrack>>;

/** What one tile of the video grid shows. */
export interface Tile {
  participant: ParticipantInfo;
  isSelf: boolean;
  videoTrack: MediaStreamTrack | null;
  /** Null for oneself: nobody hears their own microphone back. */
  audioTrack: MediaStreamTrack | null;
  audioOn: boolean;
  videoOn: boolean;
  /** Their camera is on, but this person receives sound only (audio only), so the picture is paused. */
  videoPaused: boolean;
  /** The one speaking now in this space, as the server's active speaker observer hears it. */
  speaking: boolean;
  /** How well their connection does: the media server's scores, and for oneself the page's own statistics too. */
  quality: ConnectionQuality;
}

/** The screen shown large while someone in one's space shares it. */
export interface ScreenStage {
  participant: ParticipantInfo;
  isSelf: boolean;
  track: MediaStreamTrack;
}

/** What the person is told about their own screen sharing: the mediator's leave, or why their share ended. */
export type ScreenShareNotice = 'allowed' | 'withdrawn' | 'taken-over' | 'moved';

/** Why the server ended one's share, as the notice that says it. */
const NOTICE_OF_ENDED_SHARE: Partial<Record<AnyErrorCode, ScreenShareNotice>> = {
  [ErrorCode.screenShareNotAllowed]: 'withdrawn',
  [ErrorCode.screenShareTakenOver]: 'taken-over',
  [ErrorCode.movedToAnotherSpace]: 'moved',
};

/** How long a notice that the mediator allows something stays up unless the person acts on it first. */
const NOTICE_ALLOWED_MS = 10_000;

/** Whether a participant's flag says they send a source: their microphone (`audio`) or camera (`video`); a screen has none. */
const FLAG_OF_SOURCE: Partial<Record<MediaSource, 'audio' | 'video'>> = { microphone: 'audio', camera: 'video' };

export interface JoinRequest {
  token: string;
  roomId: string;
  stream: MediaStream;
}

/** The room as the screen shows it: who is here, their tracks, one's own controls, and why it ended. */
export const useRoomStore = defineStore('room', () => {
  const phase = ref<RoomPhase>('idle');
  const end = ref<RoomEnd | null>(null);
  const problem = ref<AnyErrorCode | null>(null);
  const self = ref<ParticipantInfo | null>(null);
  const others = ref<ParticipantInfo[]>([]);
  // Tracks are browser objects: kept out of Vue's deep reactivity, replaced rather than mutated.
  const remoteTracks = shallowRef<Record<string, TracksBySource>>({});
  const localTracks = shallowRef<LocalMedia['tracks']>({});
  const microphoneMuted = ref(false);
  const cameraStopped = ref(false);
  /** While waiting: whether a mediator is in the room to let them in. */
  const mediatorPresent = ref(false);
  /** For whoever runs the room: its lobby and lock. */
  const lobby = ref<LobbyState | null>(null);
  /** Someone arrived in the lobby and the mediator has not looked yet. */
  const arrival = ref<LobbyEntry | null>(null);
  /** Where everyone is: the main room or a caucus. */
  const spaces = ref<SpacesState | null>(null);
  /**
   * The mediator's last change to this person's sources, for the notice that says it. One
   * notice of the mediator's at a time: a held notice and a screen-share notice replace each other.
   */
  const heldNotice = ref<{ source: HeldSource; held: boolean } | null>(null);
  /** Sources this person asked the mediator to allow again. */
  const askedToUnmute = ref<HeldSource[]>([]);
  /** For whoever runs the room: who asks to unmute. */
  const unmuteAsks = ref<UnmuteAskedPush[]>([]);
  /** The chat of one's own space, oldest first; and how many arrived while it was not shown. */
  const chat = ref<ChatMessage[]>([]);
  const activeSpeakerId = ref<string | null>(null);
  /** Receiving sound alone, and why (chosen, or a downlink too slow for video); null while receiving pictures. */
  const audioOnly = ref<AudioOnlyReason | null>(null);
  /** Each person's connection quality as the media server last said, and this page's own reading. */
  const qualities = ref<Record<string, ConnectionQuality>>({});
  const ownQuality = ref<ConnectionQuality>('unknown');
  const unreadChat = ref(0);
  const chatShown = ref(false);
  const sendingChat = ref(false);
  /** The screen this person shares now, shown to them as to everyone else. */
  const ownScreen = shallowRef<MediaStreamTrack | null>(null);
  /** Between the click and the share being sent (the browser's picker included). */
  const startingScreenShare = ref(false);
  const screenShareNotice = ref<ScreenShareNotice | null>(null);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The mediator's action on the room under way (admit, lock, remove, end), for the buttons. */
  const moderating = ref<string | null>(null);
  const drafting = useDraftingStore();
  const signing = useSigningStore();
  let client: RoomClient | null = null;
  let preparation: RoomPreparation | null = null;
  /** The room joined last: one's own mutes are kept for it. */
  let currentRoomId: string | null = null;

  const runsRoom = computed(() => (self.value ? roleMay(self.value.role, ParticipantAction.admitFromLobby) : false));

  function spaceOf(participantId: string): string {
    return spaces.value?.placeOf[participantId] ?? MAIN_SPACE;
  }
  const mySpace = computed(() => (self.value ? spaceOf(self.value.id) : MAIN_SPACE));
  const inCaucus = computed(() => mySpace.value !== MAIN_SPACE);
  /** Everyone in the session, wherever they are. */
  const everyone = computed(() => [...(self.value ? [self.value] : []), ...others.value]);
  /**
   * When the mediator is in a caucus without this person: the names of whom the mediator is
   * with, for the notice the side left in the main room sees.
   */
  const mediatorElsewhere = computed(() => {
    const away = everyone.value.filter((person) => person.role === Role.mediator && spaceOf(person.id) !== mySpace.value);
    const spacesAway = new Set(away.map((person) => spaceOf(person.id)));
    return everyone.value.filter((person) => person.role !== Role.mediator && spacesAway.has(spaceOf(person.id))).map((person) => person.displayName);
  });

  /** Whether this person may share their screen now, by role and the mediator's leave; the button shows only where the browser can. */
  const mayShareScreen = computed(() => {
    const me = self.value;
    if (!me || !canSendMedia(me.role)) return false;
    return roleMay(me.role, ParticipantAction.shareScreen) || me.screenShareAllowed;
  });
  const canShareScreen = computed(() => screenCaptureSupported() && mayShareScreen.value);

  /** The screen shared in one's space (one at a time; the server sees to it), or one's own. */
  const screenStage = computed<ScreenStage | null>(() => {
    if (self.value && ownScreen.value) return { participant: self.value, isSelf: true, track: ownScreen.value };
    for (const other of others.value) {
      const track = remoteTracks.value[other.id]?.screen;
      if (track && spaceOf(other.id) === mySpace.value) return { participant: other, isSelf: false, track };
    }
    return null;
  });

  // Only the people of one's own space are seen and heard; the server sends nothing else.
  const tiles = computed<Tile[]>(() => {
    const selfTile = self.value ? [ownTile(self.value)] : [];
    return [...selfTile, ...others.value.filter((other) => spaceOf(other.id) === mySpace.value).map(remoteTile)];
  });

  function ownTile(participant: ParticipantInfo): Tile {
    const videoOn = Boolean(localTracks.value.camera) && !cameraStopped.value;
    return {
      participant,
      isSelf: true,
      videoTrack: localTracks.value.camera ?? null,
      audioTrack: null,
      audioOn: Boolean(localTracks.value.microphone) && !microphoneMuted.value,
      videoOn,
      videoPaused: false,
      speaking: activeSpeakerId.value === participant.id,
      quality: worseQuality(qualities.value[participant.id] ?? 'unknown', ownQuality.value),
    };
  }

  function remoteTile(participant: ParticipantInfo): Tile {
    const tracks = remoteTracks.value[participant.id] ?? {};
    return {
      participant,
      isSelf: false,
      videoTrack: tracks.camera ?? null,
      audioTrack: tracks.microphone ?? null,
      audioOn: participant.audio,
      // Sound alone: their picture is paused on the server, so show who they are instead of a frozen frame.
      videoOn: participant.video && Boolean(tracks.camera) && audioOnly.value === null,
      videoPaused: participant.video && audioOnly.value !== null,
      speaking: activeSpeakerId.value === participant.id,
      quality: qualities.value[participant.id] ?? 'unknown',
    };
  }

  const listener: RoomClientListener = {
    onWelcome(welcome: WelcomePayload) {
      if (phase.value === 'waiting') phase.value = 'connecting';
      self.value = welcome.self;
      void loadChat(welcome.self.space);
      others.value = welcome.participants.filter((participant) => participant.id !== welcome.self.id);
      remoteTracks.value = {};
      problem.value = null;
      // A new connection starts with pictures; a choice of sound alone is asked for again.
      audioOnly.value = null;
      qualities.value = {};
    },
    onParticipantJoined(participant) {
      others.value = [...others.value.filter((other) => other.id !== participant.id), participant];
    },
    onParticipantUpdated(participant) {
      if (participant.id === self.value?.id) {
        if (participant.screenShareAllowed !== self.value.screenShareAllowed) showScreenShareNotice(participant.screenShareAllowed ? 'allowed' : 'withdrawn');
        self.value = participant;
      }
      others.value = others.value.map((other) => (other.id === participant.id ? participant : other));
    },
    onParticipantLeft(participantId) {
      others.value = others.value.filter((other) => other.id !== participantId);
      const { [participantId]: _gone, ...rest } = remoteTracks.value;
      remoteTracks.value = rest;
    },
    onTrackAnnounced(participantId, source, sending) {
      const flag = FLAG_OF_SOURCE[source];
      if (!flag) return;
      others.value = others.value.map((other) => (other.id === participantId ? { ...other, [flag]: sending } : other));
    },
    onRemoteTrack({ participantId, source, track }: RemoteTrack) {
      const tracks = { ...remoteTracks.value[participantId], [source]: markRaw(track) };
      remoteTracks.value = { ...remoteTracks.value, [participantId]: tracks };
    },
    onRemoteTrackEnded({ participantId, source, track }: RemoteTrack) {
      const tracks = remoteTracks.value[participantId];
      if (tracks?.[source] !== track) return;
      const { [source]: _ended, ...rest } = tracks;
      remoteTracks.value = { ...remoteTracks.value, [participantId]: rest };
    },
    onConnection(state) {
      phase.value = state;
      if (state === 'reconnecting') remoteTracks.value = {};
    },
    onWaiting(present) {
      phase.value = 'waiting';
      mediatorPresent.value = present;
    },
    onLobbyState(state) {
      const known = new Set(lobby.value?.waiting.map((entry) => entry.participantId) ?? []);
      const newcomer = state.waiting.find((entry) => !known.has(entry.participantId));
      if (newcomer) arrival.value = newcomer;
      else if (arrival.value && !state.waiting.some((entry) => entry.participantId === arrival.value?.participantId)) arrival.value = null;
      lobby.value = state;
    },
    onSpaces(state) {
      const before = mySpace.value;
      spaces.value = state;
      // Another space, another conversation.
      if (mySpace.value !== before) void loadChat(mySpace.value);
    },
    onActiveSpeaker(participantId) {
      activeSpeakerId.value = participantId;
    },
    onAudioOnly(push) {
      audioOnly.value = push.audioOnly ? push.reason : null;
    },
    onConnectionQualities({ qualities: pushed }) {
      qualities.value = { ...qualities.value, ...Object.fromEntries(pushed.map(({ participantId, quality }) => [participantId, quality])) };
    },
    onOwnQuality(quality) {
      ownQuality.value = quality;
    },
    onChatMessage(message) {
      if (message.space !== mySpace.value) return;
      chat.value = [...chat.value, message];
      if (!chatShown.value) unreadChat.value += 1;
    },
    onHeld(source, held) {
      showHeldNotice({ source, held });
      askedToUnmute.value = askedToUnmute.value.filter((asked) => asked !== source);
      if (held) (source === 'microphone' ? microphoneMuted : cameraStopped).value = true;
    },
    onUnmuteAsked(ask) {
      unmuteAsks.value = [...unmuteAsks.value.filter((a) => a.participantId !== ask.participantId || a.source !== ask.source), ask];
    },
    onScreenShareEnded(reason) {
      ownScreen.value = null;
      if (!reason) return;
      const notice = NOTICE_OF_ENDED_SHARE[reason];
      if (notice) showScreenShareNotice(notice);
      else problem.value = reason;
    },
    onProblem(code) {
      problem.value = code;
    },
    onEnd(reason) {
      client = null;
      drafting.detach();
      signing.detach();
      phase.value = 'ended';
      end.value = reason;
      localTracks.value = {};
      remoteTracks.value = {};
      others.value = [];
      lobby.value = null;
      arrival.value = null;
      spaces.value = null;
      clearNotices();
      askedToUnmute.value = [];
      unmuteAsks.value = [];
      ownScreen.value = null;
      chat.value = [];
      unreadChat.value = 0;
      activeSpeakerId.value = null;
      audioOnly.value = null;
      qualities.value = {};
      ownQuality.value = 'unknown';
    },
  };

  /**
   * Joins the room ahead, unseen, while the person is still in the device check: Join then
   * only enters. Whoever never joins leaves nothing behind (the server closes it with the page).
   */
  function prepare(auth: { token: string; roomId: string }): void {
    preparation?.close();
    preparation = new RoomPreparation(auth);
  }

  function join({ token, roomId, stream }: JoinRequest): void {
    client?.dispose();
    const prepared = preparation?.isFor({ token, roomId }) ? preparation : undefined;
    if (!prepared) preparation?.close();
    preparation = null;
    const local = localMediaFrom(stream);
    // Muted before a reload, muted after it: the person's own choice, not the mediator's hold.
    local.paused = readOwnMutes(roomId);
    for (const source of LOCAL_SOURCES) {
      const track = local.tracks[source];
      if (track) track.enabled = !local.paused[source];
    }
    currentRoomId = roomId;
    localTracks.value = Object.fromEntries(
      Object.entries(local.tracks).filter(([, track]) => track).map(([source, track]) => [source, markRaw(track)]),
    );
    microphoneMuted.value = local.paused.microphone;
    cameraStopped.value = local.paused.camera;
    end.value = null;
    problem.value = null;
    self.value = null;
    others.value = [];
    lobby.value = null;
    arrival.value = null;
    // The mediator sees whether a waiting person's camera and microphone are on.
    const devices = { camera: Boolean(local.tracks.camera), microphone: Boolean(local.tracks.microphone) };
    client = new RoomClient({ token, roomId, devices }, local, listener, prepared);
    drafting.attach(client.drafting);
    signing.attach(client.signing, token);
  }

  async function setPaused(source: LocalSource, paused: boolean): Promise<void> {
    const flag = source === 'microphone' ? microphoneMuted : cameraStopped;
    flag.value = paused;
    try {
      await client?.setPaused(source, paused);
      if (currentRoomId) keepOwnMutes(currentRoomId, { microphone: microphoneMuted.value, camera: cameraStopped.value });
      // Unmuted or started as allowed: the notice that allowed it has done its work.
      if (!paused && heldNotice.value?.source === source) clearNotices();
    } catch (error) {
      flag.value = !paused;
      problem.value = errorCodeOf(error);
    }
  }

  function clearNotices(): void {
    clearTimeout(noticeTimer);
    heldNotice.value = null;
    screenShareNotice.value = null;
  }

  /**
   * A notice that the mediator allows something goes by itself after NOTICE_ALLOWED_MS: the
   * button it points to says the same, and a notice left up piles onto what comes next. A
   * notice that something was taken away stays until the person dismisses it or acts.
   */
  function showNotice(show: () => void, allowing: boolean): void {
    clearNotices();
    show();
    if (allowing) noticeTimer = setTimeout(clearNotices, NOTICE_ALLOWED_MS);
  }

  function showHeldNotice(notice: { source: HeldSource; held: boolean }): void {
    showNotice(() => (heldNotice.value = notice), !notice.held);
  }

  function showScreenShareNotice(notice: ScreenShareNotice): void {
    showNotice(() => (screenShareNotice.value = notice), notice === 'allowed');
  }

  /** Sound alone, or pictures again; shown at once, undone if the server refuses. */
  async function setAudioOnly(on: boolean): Promise<void> {
    const before = audioOnly.value;
    audioOnly.value = on ? 'chosen' : null;
    try {
      await client?.setAudioOnly(on);
    } catch (error) {
      audioOnly.value = before;
      problem.value = errorCodeOf(error);
    }
  }

  /** The simulcast layer that fits the tile showing a person's camera. */
  function preferLayer(participantId: string, spatialLayer: number): void {
    client?.preferLayer(participantId, spatialLayer);
  }

  function setMicrophoneMuted(muted: boolean): Promise<void> {
    return setPaused('microphone', muted);
  }

  function setCameraStopped(stopped: boolean): Promise<void> {
    return setPaused('camera', stopped);
  }

  /**
   * Shares a screen the person picks in the browser's dialog. Called straight from the click:
   * the browser lets a page ask for the screen only in answer to a gesture.
   */
  async function startScreenShare(): Promise<void> {
    if (!client || ownScreen.value || startingScreenShare.value) return;
    const capturing = captureScreen();
    startingScreenShare.value = true;
    if (screenShareNotice.value) clearNotices();
    try {
      const track = await capturing;
      if (!track) return;
      if (!client) {
        track.stop();
        return;
      }
      ownScreen.value = markRaw(track);
      await client.shareScreen(track);
    } catch (error) {
      problem.value = errorCodeOf(error);
    } finally {
      startingScreenShare.value = false;
    }
  }

  async function stopScreenShare(): Promise<void> {
    try {
      await client?.stopScreenShare();
    } catch (error) {
      problem.value = errorCodeOf(error);
    }
  }

  function dismissScreenShareNotice(): void {
    clearNotices();
  }

  /** Runs one of the mediator's actions on the room; a refusal is shown as the room's problem. */
  async function moderate(action: string, run: (room: RoomClient) => Promise<void>): Promise<boolean> {
    if (!client) return false;
    moderating.value = action;
    try {
      await run(client);
      return true;
    } catch (error) {
      problem.value = errorCodeOf(error);
      return false;
    } finally {
      moderating.value = null;
    }
  }

  function admit(participantId: string, admitted: boolean): Promise<boolean> {
    if (arrival.value?.participantId === participantId) arrival.value = null;
    return moderate(`${admitted ? 'admit' : 'turn-away'}:${participantId}`, (room) => room.admit(participantId, admitted));
  }

  function setLocked(locked: boolean): Promise<boolean> {
    return moderate('lock', (room) => room.setLocked(locked));
  }

  function removeParticipant(participantId: string): Promise<boolean> {
    return moderate(`remove:${participantId}`, (room) => room.removeFromRoom(participantId));
  }

  function endSession(): Promise<boolean> {
    return moderate('end', (room) => room.endSession());
  }

  function openCaucus(participantIds: string[], name: string): Promise<boolean> {
    return moderate('caucus', (room) => room.openCaucus(participantIds, name, false));
  }

  /** The mediator goes to the main room or a caucus. */
  function goTo(space: string): Promise<boolean> {
    const id = self.value?.id;
    if (!id) return Promise.resolve(false);
    return moderate('caucus', (room) => room.moveToSpace(id, space));
  }

  function closeCaucus(caucusId: string): Promise<boolean> {
    return moderate('caucus', (room) => room.closeCaucus(caucusId));
  }

  function setScreenShareAllowed(participantId: string, allowed: boolean): Promise<boolean> {
    return moderate(`screen:${participantId}`, (room) => room.allowScreenShare(participantId, allowed));
  }

  /** Whether the mediator holds this source of this person muted. */
  const heldSelf = computed<HeldSource[]>(() => self.value?.held ?? []);

  function setHeld(participantId: string, source: HeldSource, held: boolean): Promise<boolean> {
    if (!held) unmuteAsks.value = unmuteAsks.value.filter((a) => a.participantId !== participantId || a.source !== source);
    return moderate(`hold:${participantId}:${source}`, (room) => room.setHeld(participantId, source, held));
  }

  async function askToUnmute(source: HeldSource): Promise<void> {
    try {
      await client?.askToUnmute(source);
      askedToUnmute.value = [...new Set([...askedToUnmute.value, source])];
      // The button now says it asked: the notice that told them to ask has been answered.
      if (heldNotice.value?.source === source) clearNotices();
    } catch (error) {
      problem.value = errorCodeOf(error);
    }
  }

  /** The space's messages as the server keeps them; pushes that came meanwhile are kept too. */
  async function loadChat(space: string): Promise<void> {
    try {
      const messages = (await client?.listChat()) ?? [];
      if (space !== mySpace.value) return;
      const known = new Set(messages.map((message) => message.id));
      chat.value = [...messages, ...chat.value.filter((message) => message.space === space && !known.has(message.id))];
    } catch (error) {
      problem.value = errorCodeOf(error);
    }
  }

  async function sendChat(text: string): Promise<boolean> {
    if (!client) return false;
    sendingChat.value = true;
    try {
      const sent = await client.sendChat(text);
      chat.value = [...chat.value, sent];
      return true;
    } catch (error) {
      problem.value = errorCodeOf(error);
      return false;
    } finally {
      sendingChat.value = false;
    }
  }

  function setChatShown(shown: boolean): void {
    chatShown.value = shown;
    if (shown) unreadChat.value = 0;
  }

  function dismissUnmuteAsk(ask: UnmuteAskedPush): void {
    unmuteAsks.value = unmuteAsks.value.filter((a) => a !== ask);
  }

  function dismissHeldNotice(): void {
    clearNotices();
  }

  function dismissArrival(): void {
    arrival.value = null;
  }

  async function leave(): Promise<void> {
    await client?.leave();
  }

  /** Drops the room without a goodbye, when the page that shows it goes away. */
  function dispose(): void {
    client?.dispose();
    preparation?.close();
    preparation = null;
    phase.value = 'idle';
    end.value = null;
  }

  function dismissProblem(): void {
    problem.value = null;
  }

  return {
    phase,
    end,
    problem,
    self,
    tiles,
    localTracks,
    mediatorPresent,
    lobby,
    arrival,
    moderating,
    runsRoom,
    admit,
    setLocked,
    removeParticipant,
    endSession,
    dismissArrival,
    spaces,
    chat,
    unreadChat,
    sendingChat,
    sendChat,
    setChatShown,
    heldNotice,
    heldSelf,
    askedToUnmute,
    unmuteAsks,
    setHeld,
    askToUnmute,
    ownScreen,
    startingScreenShare,
    screenShareNotice,
    canShareScreen,
    screenStage,
    startScreenShare,
    stopScreenShare,
    dismissScreenShareNotice,
    setScreenShareAllowed,
    dismissUnmuteAsk,
    dismissHeldNotice,
    spaceOf,
    mySpace,
    inCaucus,
    everyone,
    mediatorElsewhere,
    openCaucus,
    goTo,
    closeCaucus,
    microphoneMuted,
    cameraStopped,
    join,
    audioOnly,
    setAudioOnly,
    preferLayer,
    setMicrophoneMuted,
    setCameraStopped,
    leave,
    dispose,
    prepare,
    dismissProblem,
  };
});
