import {
  AccountRole,
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
import type { AccountRecord, CaseWithSession, CommitteeRecord, RegionRecord } from '../store/records.js';

/**
 * Every permission rule of the service, in one place: handlers and use cases ask here and
 * decide nothing about permissions themselves. The rules by role are the shared tables
 * (participant-actions.ts, edit-permissions.ts), which the client reads only to show what
 * is possible; state (frozen, issued, signing order) is not a permission and is checked
 * where the state is held.
 */

/** A signed-in account, with the place its reach starts from. */
export interface AccountPrincipal {
  kind: 'account';
  accountId: string;
  role: AccountRole;
  name: string;
  /** Staff and mediators: their committee. Administrators: null. */
  committeeId: string | null;
  /** Administrators: their region's path. Staff and mediators: their committee's region's path. */
  regionPath: string;
}

/** A platform calling the API with its key: it reaches what lies in and below its region. */
export interface ApiKeyPrincipal {
  kind: 'api-key';
  keyId: string;
  name: string;
  regionId: string;
  regionPath: string;
}

/** Who is asking over HTTP: a participant of one case (their join link), an account, or a platform's API key. */
export type Principal =
  | { kind: 'participant'; participantId: string; caseId: string; role: Role; name: string }
  | AccountPrincipal
  | ApiKeyPrincipal;

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
 * What an account or a key reaches: a whole region's subtree (administrators, API keys) or
 * one committee (its staff and mediators). Archives, statistics and logs are read through it.
 */
export type Reach = { kind: 'region'; regionPath: string } | { kind: 'committee'; committeeId: string; regionPath: string };

/** Whether a path lies in the subtree of `regionPath` (the region itself included). */
export function pathWithin(path: string, regionPath: string): boolean {
  return path.startsWith(regionPath);
}

/** Whether something of `committeeId`, sitting at `regionPath`, is within reach. */
export function withinReach(reach: Reach, place: { committeeId: string; regionPath: string }): boolean {
  return reach.kind === 'committee' ? reach.committeeId === place.committeeId : pathWithin(place.regionPath, reach.regionPath);
}

function reachOf(principal: AccountPrincipal | ApiKeyPrincipal): Reach {
  if (principal.kind === 'account' && principal.committeeId !== null) {
    return { kind: 'committee', committeeId: principal.committeeId, regionPath: principal.regionPath };
  }
  return { kind: 'region', regionPath: principal.regionPath };
}

/** Anyone but an account or a key is told to sign in. */
function requireOrganisational(principal: Principal): AccountPrincipal | ApiKeyPrincipal {
  if (principal.kind === 'participant') throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  return principal;
}

/**
 * The archive (agreements, their downloads, verifications and audit logs): committee staff
 * read their committee's, administrators and API keys everything below their region.
 * Mediators run cases and do not browse the archive.
 */
export function authorizeArchive(principal: Principal): Reach {
  const caller = requireOrganisational(principal);
  if (caller.kind === 'account' && caller.role === AccountRole.mediator) {
    throw new AppError(ErrorCode.forbidden, 'The archive is for committee staff and administrators.');
  }
  return reachOf(caller);
}

/**
 * Statistics: committee staff their committee's, administrators and API keys rolled up
 * below their region. Narrowing to a committee or region is allowed only within reach
 * (someone else's place is NOT_FOUND, so places cannot be probed).
 */
export function authorizeStatistics(principal: Principal, narrowTo?: { committee?: CommitteeRecord; region?: RegionRecord }): Reach {
  const reach = authorizeArchive(principal);
  if (narrowTo?.committee) {
    if (!withinReach(reach, { committeeId: narrowTo.committee.id, regionPath: narrowTo.committee.regionPath })) {
      throw new AppError(ErrorCode.notFound, 'No such committee.');
    }
    return { kind: 'committee', committeeId: narrowTo.committee.id, regionPath: narrowTo.committee.regionPath };
  }
  if (narrowTo?.region) {
    if (reach.kind === 'committee' || !pathWithin(narrowTo.region.path, reach.regionPath)) throw new AppError(ErrorCode.notFound, 'No such region.');
    return { kind: 'region', regionPath: narrowTo.region.path };
  }
  return reach;
}

/** An administrator, or FORBIDDEN (an account of a committee) / UNAUTHENTICATED (anyone else). */
function requireAdministrator(principal: Principal): AccountPrincipal {
  if (principal.kind !== 'account') throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  if (principal.role !== AccountRole.administrator) throw new AppError(ErrorCode.forbidden, 'Only an administrator manages the organisation.');
  return principal;
}

/** Reading the organisation below one's region (regions, committees, accounts, keys, the account audit log): its administrators. */
export function authorizeOrganisationRead(principal: Principal): string {
  return requireAdministrator(principal).regionPath;
}

/**
 * Adding a region under `parent`: an administrator whose region is the parent or above it.
 * Their own region and those beside or above it are not theirs to change.
 */
export function authorizeRegionCreation(principal: Principal, parent: RegionRecord): void {
  const admin = requireAdministrator(principal);
  if (!pathWithin(parent.path, admin.regionPath)) throw new AppError(ErrorCode.notFound, 'No such region.');
}

/** Adding a committee (or an API key) at `region`: an administrator of that region or one above it. */
export function authorizeCommitteeCreation(principal: Principal, region: RegionRecord): void {
  const admin = requireAdministrator(principal);
  if (!pathWithin(region.path, admin.regionPath)) throw new AppError(ErrorCode.notFound, 'No such region.');
}

/**
 * Creating or disabling an account: an administrator, for staff and mediators of a committee
 * within their region, and for administrators of regions strictly below theirs (never a
 * peer's or their own).
 */
export function authorizeAccountManagement(
  principal: Principal,
  place: { kind: 'committee'; committee: CommitteeRecord } | { kind: 'region'; region: RegionRecord },
): void {
  const admin = requireAdministrator(principal);
  if (place.kind === 'committee') {
    if (!pathWithin(place.committee.regionPath, admin.regionPath)) throw new AppError(ErrorCode.notFound, 'No such committee.');
    return;
  }
  if (!pathWithin(place.region.path, admin.regionPath)) throw new AppError(ErrorCode.notFound, 'No such region.');
  if (place.region.path === admin.regionPath) {
    throw new AppError(ErrorCode.forbidden, 'Administrators of your own region are made by an administrator above it.');
  }
}

/** Creating and revoking API keys: an administrator, for their region or one below it. */
export function authorizeApiKeyManagement(principal: Principal, region: RegionRecord): void {
  authorizeCommitteeCreation(principal, region);
}

/**
 * Reading a case's records (its issued agreement, its audit log) over HTTP: a participant
 * of that case whose link is not revoked, or an account of its committee. Anyone else is
 * told there is no such case, so that case ids cannot be probed.
 */
export function authorizeCaseRecords(principal: Principal, found: CaseWithSession): void {
  const allowed =
    principal.kind === 'participant'
      ? principal.caseId === found.id
      : withinReach(reachOf(principal), { committeeId: found.committeeId, regionPath: found.regionPath });
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

/**
 * Running a case (its status, schedule, outcome, links, the check of its audit log): a
 * mediator of its committee, or an API key whose region holds it (the platform that filed it).
 */
export function authorizeCaseManagement(principal: Principal, found: CaseWithSession): void {
  const allowed =
    principal.kind === 'account'
      ? principal.role === AccountRole.mediator && principal.committeeId === found.committeeId
      : principal.kind === 'api-key' && pathWithin(found.regionPath, principal.regionPath);
  if (!allowed) throw new AppError(ErrorCode.notFound, 'No such case.');
}

/** The committee whose cases a mediator lists and creates: their own. Other accounts have no desk. */
export function committeeOf(principal: Principal): string {
  if (principal.kind !== 'account') throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  if (principal.role !== AccountRole.mediator || principal.committeeId === null) {
    throw new AppError(ErrorCode.forbidden, 'Only mediators run cases.');
  }
  return principal.committeeId;
}

/** Filing a case with a committee through the API: a key whose region holds the committee. */
export function authorizeCaseFiling(principal: Principal, committee: CommitteeRecord): void {
  if (principal.kind !== 'api-key' || !pathWithin(committee.regionPath, principal.regionPath)) {
    throw new AppError(ErrorCode.notFound, 'No such committee.');
  }
}

/*
 * The organisation's administration: reading a place, and changing an account's state.
 */

/** Narrowing a list to one region: an administrator whose region holds it (the region itself included). */
export function authorizeRegionRead(principal: Principal, region: RegionRecord): void {
  const regionPath = authorizeOrganisationRead(principal);
  if (!pathWithin(region.path, regionPath)) throw new AppError(ErrorCode.notFound, 'No such region.');
}

/**
 * Disabling or enabling an account: whoever may manage accounts at its place, and never
 * one's own account (an administrator who locks themselves out needs someone above to undo it).
 */
export function authorizeAccountStatusChange(
  principal: Principal,
  target: { id: string },
  place: { kind: 'committee'; committee: CommitteeRecord } | { kind: 'region'; region: RegionRecord },
): void {
  if (principal.kind === 'account' && principal.accountId === target.id) {
    throw new AppError(ErrorCode.forbidden, 'You cannot disable or enable your own account.');
  }
  authorizeAccountManagement(principal, place);
}

// The mediator's desk.

/**
 * A case on the mediator's desk (its status, schedule, outcome, people and links): a mediator
 * of its committee. Staff and administrators have no desk (FORBIDDEN: they read the
 * archive); a mediator of another committee is told there is no such case.
 */
export function authorizeDeskCase(principal: Principal, found: CaseWithSession): void {
  if (committeeOf(principal) !== found.committeeId) throw new AppError(ErrorCode.notFound, 'No such case.');
}

// The platform API: what a key reaches, and whom it may name to run a case.

/** The region a platform's directory (committees and their mediators) is read under: its key's. Anyone else is told to present a key. */
export function platformRegionOf(principal: Principal): string {
  if (principal.kind !== 'api-key') throw new AppError(ErrorCode.unauthenticated, 'A valid API key is needed (Authorization: Bearer mrk_…).');
  return principal.regionPath;
}

/**
 * The mediator a platform names for a case it files with `committee`: an enabled mediator
 * account of that committee. Anyone else (no such account, another committee's, its
 * staff, a disabled account) is NOT_FOUND alike, so accounts cannot be probed by email.
 */
export function authorizeNamedMediator(account: AccountRecord | undefined, committee: CommitteeRecord): AccountRecord {
  if (!account || account.role !== AccountRole.mediator || account.committeeId !== committee.id || account.disabledAt !== null) {
    throw new AppError(ErrorCode.notFound, 'The committee has no mediator with that email.');
  }
  return account;
}
