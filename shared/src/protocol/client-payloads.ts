import { z } from 'zod';
import {
  DraftAwarenessRequest,
  DraftSyncRequest,
  GetVersionRequest,
  ListVersionsRequest,
  MarkClauseRequest,
  SaveVersionRequest,
  SetPartyEditingRequest,
  StartAgreementRequest,
} from './drafting-payloads.js';
import { ClientEvent } from './events.js';
import { AllowUnmuteRequest, AskToUnmuteRequest, MuteParticipantRequest } from './moderation-payloads.js';
import { AllowScreenShareRequest } from './screen-share-payloads.js';
import { ListChatRequest, SendChatRequest } from './chat-payloads.js';
import { PreferLayersRequest, SetAudioOnlyRequest } from './reception-payloads.js';
import { CloseCaucusRequest, ListCaucusNotesRequest, MoveToSpaceRequest, OpenCaucusRequest } from './caucus-payloads.js';
import { AdmitRequest, EndSessionRequest, LobbyDevices, RemoveParticipantRequest, SetLockedRequest, TurnAwayRequest } from './lobby-payloads.js';
import {
  AttestIdentityRequest,
  CheckBeforeFreezeRequest,
  ConsentRequest,
  FreezeAgreementRequest,
  GetSigningStateRequest,
  SignAgreementRequest,
  UnfreezeAgreementRequest,
} from './signing-payloads.js';

/**
 * Schemas of every client-to-server payload. The server validates each message
 * against these where it arrives; mediasoup then checks the RTP details deeply.
 */

const id = z.string().min(1).max(64);

const dtlsParameters = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.looseObject({ algorithm: z.string().max(16), value: z.string().max(256) }))
    .min(1)
    .max(8),
});

const rtpCodec = z.looseObject({
  mimeType: z.string().max(64),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
});

const rtpParameters = z.looseObject({
  codecs: z.array(rtpCodec).min(1).max(16),
  encodings: z.array(z.looseObject({})).max(8).optional(),
  headerExtensions: z.array(z.looseObject({})).max(32).optional(),
  rtcp: z.looseObject({}).optional(),
});

const rtpCapabilities = z.looseObject({
  codecs: z.array(z.looseObject({ mimeType: z.string().max(64), kind: z.enum(['audio', 'video']) })).max(64).optional(),
  headerExtensions: z.array(z.looseObject({})).max(64).optional(),
});

export const MediaSource = z.enum(['microphone', 'camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

/** The kind of track each source sends: a shared screen is video only (no tab or system sound). */
export const KIND_OF_SOURCE: { readonly [S in MediaSource]: 'audio' | 'video' } = {
  microphone: 'audio',
  camera: 'video',
  screen: 'video',
};

export const ConnectTransportRequest = z.object({
  transportId: id,
  dtlsParameters,
});

/**
 * A transport's DTLS parameters may ride along with its first use instead of a
 * `media:connect-transport` of their own: one round trip fewer per transport.
 */
const pendingDtlsParameters = dtlsParameters.optional();

export const ProduceRequest = z.object({
  transportId: id,
  kind: z.enum(['audio', 'video']),
  source: MediaSource,
  rtpParameters,
  paused: z.boolean().optional(),
  /** The send transport's, if it is not connected yet. */
  dtlsParameters: pendingDtlsParameters,
}).refine((request) => KIND_OF_SOURCE[request.source] === request.kind, {
  message: 'The kind of track does not match its source.',
  path: ['kind'],
});

export const SetProducerPausedRequest = z.object({ producerId: id, paused: z.boolean() });

export const CloseProducerRequest = z.object({ producerId: id });

export const ReadyRequest = z.object({ rtpCapabilities });

export const ResumeConsumersRequest = z.object({
  consumerIds: z.array(id).min(1).max(64),
  /** The receive transport's, if it is not connected yet. */
  dtlsParameters: pendingDtlsParameters,
});

export const LeaveRequest = z.object({}).strict();

export const RestartIceRequest = z.object({ transportId: id }).strict();

/**
 * Whether the camera and microphone are on, for the mediator to see while the person waits in
 * the lobby; and the prepared device's capabilities, so that the welcome brings the consumers
 * of everyone already sending (as `room:ready` would, one round trip later).
 */
export const EnterRequest = z.object({ devices: LobbyDevices.optional(), rtpCapabilities: rtpCapabilities.optional() }).strict();
export type EnterRequest = z.infer<typeof EnterRequest>;

/** The client's acknowledgement of `media:consumers-added`: the consumers it attached, to be resumed. */
export const ConsumersAttached = z.object({
  consumerIds: z.array(id).max(64),
  /** The receive transport's, if it is not connected yet. */
  dtlsParameters: pendingDtlsParameters,
});
export type ConsumersAttached = z.infer<typeof ConsumersAttached>;

/** One schema per client event: the server cannot register a handler without one. */
export const clientPayloadSchemas = {
  [ClientEvent.connectTransport]: ConnectTransportRequest,
  [ClientEvent.produce]: ProduceRequest,
  [ClientEvent.setProducerPaused]: SetProducerPausedRequest,
  [ClientEvent.closeProducer]: CloseProducerRequest,
  [ClientEvent.ready]: ReadyRequest,
  [ClientEvent.resumeConsumers]: ResumeConsumersRequest,
  [ClientEvent.leave]: LeaveRequest,
  [ClientEvent.restartIce]: RestartIceRequest,
  [ClientEvent.enter]: EnterRequest,
  [ClientEvent.preferLayers]: PreferLayersRequest,
  [ClientEvent.setAudioOnly]: SetAudioOnlyRequest,
  [ClientEvent.admit]: AdmitRequest,
  [ClientEvent.turnAway]: TurnAwayRequest,
  [ClientEvent.setLocked]: SetLockedRequest,
  [ClientEvent.removeParticipant]: RemoveParticipantRequest,
  [ClientEvent.endSession]: EndSessionRequest,
  [ClientEvent.openCaucus]: OpenCaucusRequest,
  [ClientEvent.moveToSpace]: MoveToSpaceRequest,
  [ClientEvent.closeCaucus]: CloseCaucusRequest,
  [ClientEvent.listCaucusNotes]: ListCaucusNotesRequest,
  [ClientEvent.muteParticipant]: MuteParticipantRequest,
  [ClientEvent.allowUnmute]: AllowUnmuteRequest,
  [ClientEvent.askToUnmute]: AskToUnmuteRequest,
  [ClientEvent.allowScreenShare]: AllowScreenShareRequest,
  [ClientEvent.sendChat]: SendChatRequest,
  [ClientEvent.listChat]: ListChatRequest,
  [ClientEvent.draftSync]: DraftSyncRequest,
  [ClientEvent.draftPush]: DraftSyncRequest,
  [ClientEvent.draftAwareness]: DraftAwarenessRequest,
  [ClientEvent.setPartyEditing]: SetPartyEditingRequest,
  [ClientEvent.startAgreement]: StartAgreementRequest,
  [ClientEvent.markClause]: MarkClauseRequest,
  [ClientEvent.saveVersion]: SaveVersionRequest,
  [ClientEvent.listVersions]: ListVersionsRequest,
  [ClientEvent.getVersion]: GetVersionRequest,
  [ClientEvent.checkBeforeFreeze]: CheckBeforeFreezeRequest,
  [ClientEvent.freezeAgreement]: FreezeAgreementRequest,
  [ClientEvent.unfreezeAgreement]: UnfreezeAgreementRequest,
  [ClientEvent.attestIdentity]: AttestIdentityRequest,
  [ClientEvent.consent]: ConsentRequest,
  [ClientEvent.sign]: SignAgreementRequest,
  [ClientEvent.getSigningState]: GetSigningStateRequest,
} as const;

/**
 * The only places a client event may carry binary data (Socket.IO attachments), as
 * top-level fields. Binary anywhere else is refused before validation: a schema expecting
 * an object would walk every byte of it as a key.
 */
export const BINARY_PAYLOAD_FIELDS: { readonly [E in keyof typeof clientPayloadSchemas]?: readonly string[] } = {
  [ClientEvent.sign]: ['signatureImage', 'signature'],
};

/** Payloads as the server has them after validation. */
export type ClientPayloads = {
  [E in keyof typeof clientPayloadSchemas]: z.infer<(typeof clientPayloadSchemas)[E]>;
};

/** Payloads as a client sends them. */
export type ClientPayloadsSent = {
  [E in keyof typeof clientPayloadSchemas]: z.input<(typeof clientPayloadSchemas)[E]>;
};
