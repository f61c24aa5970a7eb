import { z } from 'zod';
import { DISPUTE_CATEGORIES } from '../domain/dispute-categories.js';
import { Role, ROLES } from '../domain/roles.js';
import { MAX_PARTICIPANTS_PER_ROOM } from '../domain/roles.js';
import { signableText } from '../text/signable-text.js';

/** Names, numbers and titles are printed in the signed agreement: no invisible reordering of their text. */
const displayName = signableText(z.string().trim().min(1).max(80));

/** Ids in a path are UUIDs; anything longer is no id of ours. */
export const MAX_ID_LENGTH = 64;

/**
 * Roles a mediator can invite; the mediator joins as themselves. An invited mediator is a
 * co-mediator: they run the room with the mediator (no lobby, the same controls) and sign after the parties.
 */
export const InvitedRole = z.enum([
  Role.applicant,
  Role.respondent,
  Role.representative,
  Role.interpreter,
  Role.observer,
  Role.mediator,
]);

export const CreateCaseRequest = z.object({
  caseNumber: signableText(z.string().trim().min(1).max(64)),
  title: signableText(z.string().trim().min(1).max(200)),
  category: z.enum(DISPUTE_CATEGORIES),
  participants: z
    .array(z.object({ displayName, role: InvitedRole }))
    .min(1)
    .max(MAX_PARTICIPANTS_PER_ROOM - 1),
  /** Whether the parties wait in the lobby until the mediator lets them in. */
  waitingRoom: z.boolean().default(true),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;
/** A request as sent: what has a default may be left out. */
export type CreateCaseInput = z.input<typeof CreateCaseRequest>;

export const JoinLink = z.object({
  participantId: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  url: z.string(),
  expiresAt: z.string(),
  /** The case's own mediator's link (their account's place), which opens in their browser and is never withdrawn. */
  own: z.boolean(),
});
export type JoinLink = z.infer<typeof JoinLink>;

export const CreatedCase = z.object({
  caseId: z.string(),
  /** The committee's case number and the case's title, to say whose links these are. */
  caseNumber: z.string(),
  title: z.string(),
  /** The video room of the case's mediation session. */
  roomId: z.string(),
  links: z.array(JoinLink),
  /** People whose link is withdrawn: a new one can be issued. */
  withdrawn: z.array(z.object({ participantId: z.string(), displayName: z.string(), role: z.enum(ROLES) })).optional(),
});
export type CreatedCase = z.infer<typeof CreatedCase>;

export interface CaseSummary {
  id: string;
  caseNumber: string;
  title: string;
  category: z.infer<typeof CreateCaseRequest>['category'];
  createdAt: string;
  roomId: string;
  /** The signed agreement the committee keeps, once issued. */
  issuedAgreement: { documentNumber: string; issuedAt: string } | null;
}

/** `GET /api/cases/:caseId/record-check`: whether the case's audit log still holds its hash chain. */
export type RecordCheck =
  | { valid: true; entries: number; lastHash: string }
  | {
      valid: false;
      entries: number;
      /** The first entry that does not hold, and why. */
      brokenAt: { sequence: number; reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'sequence-gap' };
    };
