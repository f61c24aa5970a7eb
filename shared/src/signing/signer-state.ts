import { ParticipantAction, roleMay } from '../domain/participant-actions.js';
import type { Role } from '../domain/roles.js';

/**
 * A signer's steps, kept apart rather than one flag: invited (has a link), joined (has
 * been in the room), consented (ticked the statement for the frozen version), signed.
 */
export const SIGNER_STATES = ['invited', 'joined', 'consented', 'signed'] as const;
export type SignerState = (typeof SIGNER_STATES)[number];

/** Who must sign: every party, then the mediator. */
export function isRequiredSigner(role: Role): boolean {
  return roleMay(role, ParticipantAction.sign);
}
