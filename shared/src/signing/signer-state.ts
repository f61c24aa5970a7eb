import type { Role } from '../domain/roles.js';
import { PARTY_ROLES } from '../drafting/edit-permissions.js';
import { Role as Roles } from '../domain/roles.js';

/**
 * A signer's steps, kept apart rather than one flag: invited (has a link), joined (has
 * been in the room), consented (ticked the statement for the frozen version), signed.
 */
export const SIGNER_STATES = ['invited', 'joined', 'consented', 'signed'] as const;
export type SignerState = (typeof SIGNER_STATES)[number];

/** Who must sign: every party, then the mediator. */
export function isRequiredSigner(role: Role): boolean {
  return PARTY_ROLES.includes(role) || role === Roles.mediator;
}
