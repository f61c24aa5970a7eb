import type { AckCallback } from './ack.js';
import type { ClientPayloadsSent, ConsumersAttached } from './client-payloads.js';
import type {
  AgreementVersionDetail,
  AgreementVersionSummary,
  ClauseMark,
  DraftAwarenessPush,
  DraftingState,
  DraftRefusedPush,
  DraftSyncPush,
  DraftSyncResult,
} from './drafting-payloads.js';
import type { FreezeChecklist, FrozenAgreement, SigningState, SignResult } from './signing-payloads.js';
import { ClientEvent, ServerEvent, type UnacknowledgedClientEvent } from './events.js';
import type { LobbyDevices, LobbyState, LobbyWaitingPayload } from './lobby-payloads.js';
import type { CaucusNotesList, OpenCaucusResult, SpacesState } from './caucus-payloads.js';
import type { HeldByMediatorPush, UnmuteAskedPush } from './moderation-payloads.js';
import type { ChatMessage } from './chat-payloads.js';
import type { AudioOnlyPush, ConnectionQualityPush } from './reception-payloads.js';
import type {
  ActiveSpeakerPush,
  ConsumerClosedPayload,
  ConsumerInfo,
  EmptyResult,
  ParticipantInfo,
  ParticipantLeftPayload,
  ProducerClosedPayload,
  ProduceResult,
  ReadyResult,
  TransportOptions,
  PreparedPayload,
  RoomClosedPayload,
  WelcomePayload,
} from './server-payloads.js';

/** The acknowledgement data each client event answers with. */
export interface ClientEventResults {
  [ClientEvent.connectTransport]: EmptyResult;
  [ClientEvent.produce]: ProduceResult;
  [ClientEvent.setProducerPaused]: EmptyResult;
  [ClientEvent.closeProducer]: EmptyResult;
  [ClientEvent.ready]: ReadyResult;
  [ClientEvent.resumeConsumers]: EmptyResult;
  [ClientEvent.leave]: EmptyResult;
  [ClientEvent.restartIce]: { iceParameters: TransportOptions['iceParameters'] };
  [ClientEvent.enter]: EmptyResult;
  [ClientEvent.preferLayers]: EmptyResult;
  [ClientEvent.setAudioOnly]: EmptyResult;
  [ClientEvent.admit]: EmptyResult;
  [ClientEvent.turnAway]: EmptyResult;
  [ClientEvent.setLocked]: EmptyResult;
  [ClientEvent.removeParticipant]: EmptyResult;
  [ClientEvent.endSession]: EmptyResult;
  [ClientEvent.openCaucus]: OpenCaucusResult;
  [ClientEvent.moveToSpace]: EmptyResult;
  [ClientEvent.closeCaucus]: EmptyResult;
  [ClientEvent.listCaucusNotes]: CaucusNotesList;
  [ClientEvent.muteParticipant]: EmptyResult;
  [ClientEvent.allowUnmute]: EmptyResult;
  [ClientEvent.askToUnmute]: EmptyResult;
  [ClientEvent.allowScreenShare]: EmptyResult;
  [ClientEvent.sendChat]: ChatMessage;
  [ClientEvent.listChat]: { messages: ChatMessage[] };
  [ClientEvent.draftSync]: DraftSyncResult;
  /** Never sent: `draft:push` is not acknowledged. */
  [ClientEvent.draftPush]: EmptyResult;
  [ClientEvent.draftAwareness]: EmptyResult;
  [ClientEvent.setPartyEditing]: EmptyResult;
  [ClientEvent.startAgreement]: EmptyResult;
  [ClientEvent.markClause]: ClauseMark;
  [ClientEvent.saveVersion]: AgreementVersionSummary;
  [ClientEvent.listVersions]: { versions: AgreementVersionSummary[] };
  [ClientEvent.getVersion]: AgreementVersionDetail;
  [ClientEvent.checkBeforeFreeze]: FreezeChecklist;
  [ClientEvent.freezeAgreement]: FrozenAgreement;
  [ClientEvent.unfreezeAgreement]: EmptyResult;
  [ClientEvent.attestIdentity]: EmptyResult;
  [ClientEvent.consent]: EmptyResult;
  [ClientEvent.sign]: SignResult;
  [ClientEvent.getSigningState]: SigningState;
}

/** Socket.IO's typed map of client-to-server events. */
export type ClientToServerEvents = {
  [E in keyof ClientPayloadsSent]: E extends UnacknowledgedClientEvent
    ? (payload: ClientPayloadsSent[E]) => void
    : (payload: ClientPayloadsSent[E], ack: AckCallback<ClientEventResults[E]>) => void;
};

/** Socket.IO's typed map of server-to-client events. */
export interface ServerToClientEvents {
  [ServerEvent.welcome]: (payload: WelcomePayload) => void;
  [ServerEvent.prepared]: (payload: PreparedPayload) => void;
  [ServerEvent.participantJoined]: (payload: ParticipantInfo) => void;
  [ServerEvent.participantUpdated]: (payload: ParticipantInfo) => void;
  [ServerEvent.participantLeft]: (payload: ParticipantLeftPayload) => void;
  /** Acknowledged with the consumers the client attached; the server then resumes them. */
  [ServerEvent.consumersAdded]: (payload: ConsumerInfo[], ack: (attached: ConsumersAttached) => void) => void;
  [ServerEvent.consumerClosed]: (payload: ConsumerClosedPayload) => void;
  [ServerEvent.producerClosed]: (payload: ProducerClosedPayload) => void;
  [ServerEvent.roomClosed]: (payload: RoomClosedPayload) => void;
  /** Acknowledged at once, with nothing. */
  [ServerEvent.lobbyWaiting]: (payload: LobbyWaitingPayload, ack: () => void) => void;
  [ServerEvent.lobbyState]: (payload: LobbyState) => void;
  [ServerEvent.spaces]: (payload: SpacesState) => void;
  [ServerEvent.heldByMediator]: (payload: HeldByMediatorPush) => void;
  [ServerEvent.unmuteAsked]: (payload: UnmuteAskedPush) => void;
  [ServerEvent.chatMessage]: (payload: ChatMessage) => void;
  [ServerEvent.activeSpeaker]: (payload: ActiveSpeakerPush) => void;
  [ServerEvent.audioOnly]: (payload: AudioOnlyPush) => void;
  [ServerEvent.connectionQuality]: (payload: ConnectionQualityPush) => void;
  [ServerEvent.draftSync]: (payload: DraftSyncPush) => void;
  [ServerEvent.draftAwareness]: (payload: DraftAwarenessPush) => void;
  [ServerEvent.draftRefused]: (payload: DraftRefusedPush) => void;
  [ServerEvent.draftingState]: (payload: DraftingState) => void;
  [ServerEvent.clauseMarked]: (payload: ClauseMark) => void;
  [ServerEvent.versionSaved]: (payload: AgreementVersionSummary) => void;
  [ServerEvent.signingState]: (payload: SigningState) => void;
}

/** Where Socket.IO is served (its default path). */
export const SOCKET_PATH = '/socket.io/';
/**
 * The query parameter every Socket.IO request carries naming its room (the handshake's
 * `roomId` again), so that whichever node receives it routes it to the room's home node.
 */
export const ROOM_QUERY_PARAMETER = 'room';

/** What the client puts in the Socket.IO handshake's `auth`. */
export interface HandshakeAuth {
  token: string;
  roomId: string;
  /** Whether the camera and microphone are on, for the mediator to see while the person waits. */
  devices?: LobbyDevices;
  /**
   * Connect ahead of joining, during the device check: the server prepares the person's
   * media (`room:prepared`) and lets them in only on `room:enter`; until then nobody sees them.
   */
  prepare?: boolean;
}
