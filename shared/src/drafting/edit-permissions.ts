import { Role } from '../domain/roles.js';
import { DraftDocument, type CaseDocument } from './draft-documents.js';

/** The parties to the dispute: they mark clauses and, later, sign. */
export const PARTY_ROLES: readonly Role[] = [Role.applicant, Role.respondent];

/** Roles that may edit the shared documents while the mediator allows parties to. */
const EDITING_WHEN_ALLOWED: readonly Role[] = [...PARTY_ROLES, Role.representative];

export function isParty(role: Role): boolean {
  return PARTY_ROLES.includes(role);
}

/** Whether a role receives a document at all: private notes reach the mediator only. */
export function mayRead(role: Role, document: CaseDocument): boolean {
  return document !== DraftDocument.privateNotes || role === Role.mediator;
}

/**
 * Whether a role may change a document: the mediator always; parties (and their
 * representatives) while the mediator allows it; interpreters and observers never.
 */
export function mayEdit(role: Role, document: CaseDocument, partiesMayEdit: boolean): boolean {
  if (role === Role.mediator) return true;
  if (document === DraftDocument.privateNotes) return false;
  return partiesMayEdit && EDITING_WHEN_ALLOWED.includes(role);
}

/**
 * Whether a role may change the notes of a caucus it may read, while the caucus is open:
 * as the shared notes with editing allowed, whatever the mediator's switch says (the
 * switch is about what the other side will read). Who may read them is the caucus's
 * membership, which the server holds (server/src/policy/policy.ts).
 */
export function mayEditCaucusNotes(role: Role): boolean {
  return role === Role.mediator || EDITING_WHEN_ALLOWED.includes(role);
}
