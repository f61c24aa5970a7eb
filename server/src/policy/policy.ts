import {
  caucusIdOf,
  ErrorCode,
  isCaseDocument,
  mayEdit,
  mayEditCaucusNotes,
  mayRead,
  ParticipantAction,
  roleMay,
  type DraftDocument,
  type Role,
} from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { CaseWithSession } from '../store/records.js';

/**
 * Every permission rule of the service, in one place: handlers and use cases ask here and
 * decide nothing about permissions themselves. The rules by role are the shared tables
 * (participant-actions.ts, edit-permissions.ts), which the client reads only to show what
 * is possible; state (frozen, issued, signing order) is not a permission and is checked
 * where the state is held.
 */

/** Who is asking over HTTP: a participant of one case (their join link) or a committee account. */
export type Principal =
  | { kind: 'participant'; participantId: string; caseId: string; role: Role; name: string }
  | { kind: 'account'; accountId: string; committeeId: string; name: string };

const REFUSALS: { readonly [A in ParticipantAction]: string } = {
  [ParticipantAction.sendMedia]: 'Observers do not send media.',
  [ParticipantAction.setPartyEditing]: 'Only the mediator may change who may edit.',
  [ParticipantAction.startAgreement]: 'Only the mediator may start the agreement.',
  [ParticipantAction.saveVersion]: 'Only the mediator may save versions.',
  [ParticipantAction.markClause]: 'Only a party may mark clauses.',
  [ParticipantAction.freeze]: 'Only the mediator may freeze the agreement.',
  [ParticipantAction.unfreeze]: 'Only the mediator may unfreeze the agreement.',
  [ParticipantAction.attestIdentity]: 'Only the mediator may attest identities.',
  [ParticipantAction.consent]: 'Only the parties and the mediator sign.',
  [ParticipantAction.sign]: 'Only the parties and the mediator sign.',
  [ParticipantAction.downloadAgreement]: 'Observers do not receive the signed agreement.',
  [ParticipantAction.enterWithoutWaiting]: 'Please wait in the lobby until the mediator lets you in.',
  [ParticipantAction.admitFromLobby]: 'Only the mediator lets people in.',
  [ParticipantAction.lockRoom]: 'Only the mediator may lock the room.',
  [ParticipantAction.removeParticipant]: 'Only the mediator may remove someone.',
  [ParticipantAction.endSession]: 'Only the mediator may end the session.',
  [ParticipantAction.runCaucus]: 'Only the mediator holds private sessions.',
  [ParticipantAction.holdMedia]: 'Only the mediator may mute others.',
  [ParticipantAction.chat]: 'Observers read the chat but do not write in it.',
  [ParticipantAction.shareScreen]: 'Only the mediator shares a screen without being allowed.',
  [ParticipantAction.allowScreenShare]: 'Only the mediator decides who may share a screen.',
  [ParticipantAction.adjustReception]: 'Only people in the room choose what they receive.',
};

/** Whether a participant comes straight into the room or waits in its lobby to be let in. */
export function waitsInLobby(role: Role, caseHasWaitingRoom: boolean): boolean {
  return caseHasWaitingRoom && !roleMay(role, ParticipantAction.enterWithoutWaiting);
}

/** Muting someone's microphone or camera: the mediator's, and never another who runs the room. */
export function authorizeHold(callerRole: Role, target: { role: Role }): void {
  authorizeParticipant(callerRole, ParticipantAction.holdMedia);
  if (roleMay(target.role, ParticipantAction.holdMedia)) throw new AppError(ErrorCode.forbidden, 'The mediator cannot be muted by others.');
}

/**
 * Sharing one's screen: the mediator always; anyone else who sends media only while the
 * mediator allows them (`allowedByMediator`), SCREEN_SHARE_NOT_ALLOWED otherwise.
 */
export function authorizeScreenShare(role: Role, allowedByMediator: boolean): void {
  authorizeParticipant(role, ParticipantAction.sendMedia);
  if (!roleMay(role, ParticipantAction.shareScreen) && !allowedByMediator) {
    throw new AppError(ErrorCode.screenShareNotAllowed, 'The mediator has not allowed you to share your screen.');
  }
}

/**
 * Starting a share while someone else in one's space shares: one screen at a time. The
 * mediator's share replaces another person's (what the room looks at is the mediator's to
 * decide); anyone else waits until it ends, SCREEN_SHARE_BUSY.
 */
export function authorizeScreenTakeover(role: Role, sharer: { role: Role }): void {
  if (!roleMay(role, ParticipantAction.shareScreen) || roleMay(sharer.role, ParticipantAction.shareScreen)) {
    throw new AppError(ErrorCode.screenShareBusy, 'Someone else is sharing their screen; wait until they stop.');
  }
}

/** Letting someone share their screen, or withdrawing it: the mediator's, for someone who sends media and needs the leave. */
export function authorizeScreenSharePermit(callerRole: Role, target: { role: Role }): void {
  authorizeParticipant(callerRole, ParticipantAction.allowScreenShare);
  if (!roleMay(target.role, ParticipantAction.sendMedia)) throw new AppError(ErrorCode.forbidden, 'Observers do not send media.');
  if (roleMay(target.role, ParticipantAction.shareScreen)) {
    throw new AppError(ErrorCode.forbidden, 'The mediator shares without being allowed.');
  }
}

/** Removing someone from the room: not oneself (leave instead), and not another who runs the room. */
export function authorizeRemoval(callerRole: Role, callerId: string, target: { id: string; role: Role }): void {
  authorizeParticipant(callerRole, ParticipantAction.removeParticipant);
  if (target.id === callerId || roleMay(target.role, ParticipantAction.removeParticipant)) {
    throw new AppError(ErrorCode.forbidden, 'The mediator cannot be removed from the room.');
  }
}

/** A participant's action in their own case's room: allowed by their role, or FORBIDDEN. */
export function authorizeParticipant(role: Role, action: ParticipantAction): void {
  if (!roleMay(role, action)) throw new AppError(ErrorCode.forbidden, REFUSALS[action]);
}

/** Who reads or changes a document of their case: the participant as their connection says. */
export interface DocumentUser {
  participantId: string;
  role: Role;
}

/** What the rules about a caucus's notes need to know of the caucus. */
export interface CaucusMembership {
  /** Everyone taken or moved into it while it was open. */
  memberIds: readonly string[];
  open: boolean;
}

/** The caucus of that id of the caller's own case, or undefined (none, or another case's). */
export type FindCaucus = (caucusId: string) => CaucusMembership | undefined;

/**
 * Why a participant may not read a document of their case, or null if they may. Private
 * notes are the mediator's alone. A caucus's notes are read by the mediator (open or
 * closed, as a record of the case) and by the caucus's members while it is open, so the
 * other side never reads what was said out of their hearing.
 */
export function readRefusal(user: DocumentUser, document: DraftDocument, findCaucus: FindCaucus): AppError | null {
  if (isCaseDocument(document)) {
    return mayRead(user.role, document) ? null : new AppError(ErrorCode.forbidden, 'This document is not yours to read.');
  }
  const caucus = findCaucus(caucusIdOf(document));
  if (!caucus) return new AppError(ErrorCode.notFound, 'No such private session in this case.');
  if (roleMay(user.role, ParticipantAction.runCaucus)) return null;
  if (caucus.open && caucus.memberIds.includes(user.participantId)) return null;
  return new AppError(ErrorCode.forbidden, 'Only the mediator and the people of a private session read its notes.');
}

export function authorizeRead(user: DocumentUser, document: DraftDocument, findCaucus: FindCaucus): void {
  const refusal = readRefusal(user, document, findCaucus);
  if (refusal) throw refusal;
}

/**
 * Why a participant may not change a document of their case now, or null if they may: the
 * shared documents by role and the mediator's switch; a caucus's notes by whoever reads
 * them and may edit the shared notes, while the caucus is open, whatever the switch says.
 */
export function editRefusal(user: DocumentUser, document: DraftDocument, partiesMayEdit: boolean, findCaucus: FindCaucus): AppError | null {
  if (isCaseDocument(document)) {
    return mayEdit(user.role, document, partiesMayEdit) ? null : new AppError(ErrorCode.forbidden, 'You may not edit this document now.');
  }
  const unreadable = readRefusal(user, document, findCaucus);
  if (unreadable) return unreadable;
  if (!findCaucus(caucusIdOf(document))?.open) {
    return new AppError(ErrorCode.forbidden, 'The private session is closed; its notes are kept as they were.');
  }
  if (!mayEditCaucusNotes(user.role)) return new AppError(ErrorCode.forbidden, 'You may read these notes but not change them.');
  return null;
}

/**
 * Reading a case's records (its issued agreement, its audit log) over HTTP: a participant
 * of that case whose link is not revoked, or an account of its committee. Anyone else is
 * told there is no such case, so that case ids cannot be probed.
 */
export function authorizeCaseRecords(principal: Principal, found: CaseWithSession): void {
  const allowed =
    principal.kind === 'participant' ? principal.caseId === found.id : principal.committeeId === found.committeeId;
  if (!allowed) throw new AppError(ErrorCode.notFound, 'No such case.');
}

/**
 * The signed agreement's PDF: the committee's accounts, and the case's participants whose
 * role lets them have a copy (not observers: it holds signatures and identity details).
 */
export function authorizeAgreementDownload(principal: Principal, found: CaseWithSession): void {
  authorizeCaseRecords(principal, found);
  if (principal.kind === 'participant') authorizeParticipant(principal.role, ParticipantAction.downloadAgreement);
}

/** Running a case (its links, the check of its audit log): an account of its committee only. */
export function authorizeCaseManagement(principal: Principal, found: CaseWithSession): void {
  if (principal.kind !== 'account' || principal.committeeId !== found.committeeId) {
    throw new AppError(ErrorCode.notFound, 'No such case.');
  }
}

/** The committee whose cases an account lists and creates: its own. */
export function committeeOf(principal: Principal): string {
  if (principal.kind !== 'account') throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  return principal.committeeId;
}
