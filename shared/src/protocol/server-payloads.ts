import type { types as mediasoupTypes } from 'mediasoup-client';
import type { Role } from '../domain/roles.js';
import type { MediaSource } from './client-payloads.js';
import type { ErrorBody } from './error-codes.js';
import type { HeldSource } from './moderation-payloads.js';

/** What other participants see of someone in the room. */
export interface ParticipantInfo {
  id: string;
  displayName: string;
  role: Role;
  /** Whether the participant currently sends their microphone (`audio`) and their camera (`video`); a shared screen is neither. */
  audio: boolean;
  video: boolean;
  /** The main room (MAIN_SPACE) or the caucus the participant is in: only people of one space see and hear each other. */
  space: string;
  /** What the mediator has muted and not yet allowed again. */
  held: HeldSource[];
  /** The mediator lets this person share their screen (the mediator shares without it). */
  screenShareAllowed: boolean;
}

/** Who speaks now in the receiver's space. */
export interface ActiveSpeakerPush {
  participantId: string;
}

export interface TransportOptions {
  id: string;
  iceParameters: mediasoupTypes.IceParameters;
  iceCandidates: mediasoupTypes.IceCandidate[];
  dtlsParameters: mediasoupTypes.DtlsParameters;
}

/** How a browser reaches the media server: directly, or relayed by TURN. */
export interface IceServers {
  iceServers: { urls: string[]; username: string; credential: string }[];
  iceTransportPolicy: 'all' | 'relay';
}

/** What a connection made ahead of joining needs to load its device and connect its transports. */
export type PreparedPayload = Pick<WelcomePayload, 'routerRtpCapabilities' | 'sendTransport' | 'recvTransport' | 'ice'>;

export interface WelcomePayload {
  roomId: string;
  caseId: string;
  self: ParticipantInfo;
  participants: ParticipantInfo[];
  routerRtpCapabilities: mediasoupTypes.RtpCapabilities;
  /** Absent for roles that never send media (observers). */
  sendTransport: TransportOptions | null;
  recvTransport: TransportOptions;
  /** TURN servers with this person's time-limited credentials, and whether to relay everything. */
  ice: IceServers;
  /**
   * For a person who prepared ahead and entered with their device's capabilities: consumers
   * (paused) of everyone already sending in their space, to attach and resume at once.
   * `room:ready` then answers with whatever began sending since.
   */
  consumers?: ConsumerInfo[];
}

export interface ConsumerInfo {
  id: string;
  producerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  rtpParameters: mediasoupTypes.RtpParameters;
  /** The producer is paused (muted microphone, stopped camera). */
  producerPaused: boolean;
}

export interface ParticipantLeftPayload {
  participantId: string;
}

export interface ConsumerClosedPayload {
  consumerId: string;
}

/** One of the person's own producers that the server closed, and why (a code of `error-codes.ts`). */
export interface ProducerClosedPayload {
  producerId: string;
  source: MediaSource;
  reason: ErrorBody;
}

export type RoomClosedPayload = ErrorBody;

/** Acknowledgement data of each client event. */
export interface ProduceResult {
  producerId: string;
}

export interface ReadyResult {
  /** Consumers for everything already being sent in the room, created paused. */
  consumers: ConsumerInfo[];
}

export type EmptyResult = Record<string, never>;
