import {
  ClientEvent,
  ServerEvent,
  type AttestIdentityRequest,
  type ClientPayloadsSent,
  type FreezeChecklist,
  type FrozenAgreement,
  type ParticipantInfo,
  type SigningState,
  type SignResult,
  type WelcomePayload,
} from '@mediation/shared';
import { ObservableV2 } from 'lib0/observable';
import type { z } from 'zod';
import { request } from '../room/request';
import type { RoomSocket } from '../room/room-socket';

/** Who signs from this page, as the welcome said: their name and role are part of what they sign. */
export interface SigningMember {
  caseId: string;
  self: ParticipantInfo;
}

export type SignRequest = ClientPayloadsSent[typeof ClientEvent.sign];
export type IdentityAttestation = z.input<typeof AttestIdentityRequest>;

export interface SigningSessionEvents {
  /** After every welcome. */
  member: (member: SigningMember) => void;
  /** The server's signing state, pushed after the welcome and on every change. */
  state: (state: SigningState) => void;
}

/**
 * The signing side of a participant's presence in a room, on the room's socket (SIGNING.md):
 * the pushed signing state, and the requests to freeze, attest, consent and sign. The room
 * client owns it and destroys it when the room ends.
 */
export class SigningSession extends ObservableV2<SigningSessionEvents> {
  private destroyed = false;

  constructor(private readonly socket: RoomSocket) {
    super();
    // Listening from the start: the server sends the signing state right after the welcome.
    socket.on(ServerEvent.welcome, this.onWelcome);
    socket.on(ServerEvent.signingState, this.onState);
  }

  /** What is still open before freezing: identity checks, objections, blanks, empty fields. */
  checkBeforeFreeze(): Promise<FreezeChecklist> {
    return request(this.socket, ClientEvent.checkBeforeFreeze, {});
  }

  /** Freezes; with items open, only with the mediator's reason. */
  freeze(overrideReason?: string): Promise<FrozenAgreement> {
    return request(this.socket, ClientEvent.freezeAgreement, overrideReason ? { overrideReason } : {});
  }

  unfreeze(): Promise<unknown> {
    return request(this.socket, ClientEvent.unfreezeAgreement, {});
  }

  attestIdentity(attestation: IdentityAttestation): Promise<unknown> {
    return request(this.socket, ClientEvent.attestIdentity, attestation);
  }

  consent(frozen: { version: number; agreementHash: string }): Promise<unknown> {
    return request(this.socket, ClientEvent.consent, { version: frozen.version, agreementHash: frozen.agreementHash });
  }

  sign(signRequest: SignRequest): Promise<SignResult> {
    return request(this.socket, ClientEvent.sign, signRequest);
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.socket.off(ServerEvent.welcome, this.onWelcome);
    this.socket.off(ServerEvent.signingState, this.onState);
    super.destroy();
  }

  private readonly onWelcome = (welcome: WelcomePayload): void => this.emit('member', [{ caseId: welcome.caseId, self: welcome.self }]);
  private readonly onState = (state: SigningState): void => this.emit('state', [state]);
}
