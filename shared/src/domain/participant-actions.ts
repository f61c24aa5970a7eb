import { Role, ROLES } from './roles.js';

/**
 * What a participant may do in their case's room besides reading and editing documents
 * (drafting/edit-permissions.ts): each action with the roles that may take it. The server's
 * policy module decides with this table; the client reads it only to show what is possible.
 */
export const ParticipantAction = {
  sendMedia: 'media.send',
  setPartyEditing: 'drafting.set-party-editing',
  startAgreement: 'agreement.start-from-template',
  saveVersion: 'agreement.save-version',
  markClause: 'agreement.mark-clause',
  freeze: 'agreement.freeze',
  unfreeze: 'agreement.unfreeze',
  attestIdentity: 'signing.attest-identity',
  consent: 'signing.consent',
  sign: 'signing.sign',
  downloadAgreement: 'agreement.download',
  /** Come into the room without waiting in the lobby. */
  enterWithoutWaiting: 'room.enter-without-waiting',
  /** Let someone in from the lobby, or turn them away; see who waits. */
  admitFromLobby: 'room.admit-from-lobby',
  lockRoom: 'room.lock',
  /** Send someone out of the room and withdraw their link. */
  removeParticipant: 'room.remove-participant',
  /** End the session for everyone. */
  endSession: 'room.end-session',
  /** Open and close private caucuses, and move people between them and the main room. */
  runCaucus: 'room.run-caucus',
  /** Mute someone's microphone or stop their camera, and allow it again. */
  holdMedia: 'room.hold-media',
  /** Write in the chat of one's own space. */
  chat: 'room.chat',
  /**
   * Share one's screen without being allowed, and take the screen over from anyone else
   * sharing in one's space. Others who send media share once the mediator allows them.
   */
  shareScreen: 'media.share-screen',
  /** Let someone share their screen, or withdraw it. */
  allowScreenShare: 'room.allow-screen-share',
  /** Choose what one receives: the simulcast layer of each picture, or sound alone. */
  adjustReception: 'media.adjust-reception',
} as const;
export type ParticipantAction = (typeof ParticipantAction)[keyof typeof ParticipantAction];

const PARTIES: readonly Role[] = [Role.applicant, Role.respondent];
const MEDIATOR: readonly Role[] = [Role.mediator];
/** The parties sign, and the mediator after them; nobody else's signature is asked for. */
const SIGNERS: readonly Role[] = [...PARTIES, Role.mediator];

export const ROLES_ALLOWED: { readonly [A in ParticipantAction]: readonly Role[] } = {
  /** Observers watch and listen only. */
  [ParticipantAction.sendMedia]: [Role.mediator, ...PARTIES, Role.representative, Role.interpreter],
  [ParticipantAction.setPartyEditing]: MEDIATOR,
  [ParticipantAction.startAgreement]: MEDIATOR,
  [ParticipantAction.saveVersion]: MEDIATOR,
  /** Each party agrees or objects clause by clause. */
  [ParticipantAction.markClause]: PARTIES,
  [ParticipantAction.freeze]: MEDIATOR,
  [ParticipantAction.unfreeze]: MEDIATOR,
  [ParticipantAction.attestIdentity]: MEDIATOR,
  [ParticipantAction.consent]: SIGNERS,
  [ParticipantAction.sign]: SIGNERS,
  /** The signed agreement holds signatures and identity details: not for observers. */
  [ParticipantAction.downloadAgreement]: [Role.mediator, ...PARTIES, Role.representative, Role.interpreter],
  /** The mediator runs the room: who comes in, who stays, when it ends. */
  [ParticipantAction.enterWithoutWaiting]: MEDIATOR,
  [ParticipantAction.admitFromLobby]: MEDIATOR,
  [ParticipantAction.lockRoom]: MEDIATOR,
  [ParticipantAction.removeParticipant]: MEDIATOR,
  [ParticipantAction.endSession]: MEDIATOR,
  [ParticipantAction.runCaucus]: MEDIATOR,
  [ParticipantAction.holdMedia]: MEDIATOR,
  /** Observers read the chat of their space but do not write in it. */
  [ParticipantAction.chat]: [Role.mediator, ...PARTIES, Role.representative, Role.interpreter],
  /** What the room sees is the mediator's to decide: a party's documents are shown when the mediator asks for them. */
  [ParticipantAction.shareScreen]: MEDIATOR,
  [ParticipantAction.allowScreenShare]: MEDIATOR,
  /** Everyone receives, observers included, and may fit it to their screen and network. */
  [ParticipantAction.adjustReception]: ROLES,
};

export function roleMay(role: Role, action: ParticipantAction): boolean {
  return ROLES_ALLOWED[action].includes(role);
}

/** Roles that may send audio and video into the room. */
export function canSendMedia(role: Role): boolean {
  return roleMay(role, ParticipantAction.sendMedia);
}
