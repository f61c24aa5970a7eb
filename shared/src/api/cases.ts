import { z } from 'zod';
import { CaseOutcome } from '../domain/case-transitions.js';
import { DISPUTE_CATEGORIES } from '../domain/dispute-categories.js';
import { CASE_STATUSES } from '../domain/organisation.js';
import { Role, ROLES } from '../domain/roles.js';
import { MAX_PARTICIPANTS_PER_ROOM } from '../domain/roles.js';
import { signableText } from '../text/signable-text.js';

/** Names, numbers and titles are printed in the signed agreement: no invisible reordering of their text. */
const displayName = signableText(z.string().trim().min(1).max(80));

/** A party's phone number or address, as the mediator notes it to reach them. */
export const MAX_CONTACT_LENGTH = 120;
/** The mediator's words on a case's outcome. */
export const MAX_OUTCOME_NOTE_LENGTH = 1000;
/** The desk's search: part of a case number or title. */
export const MAX_DESK_SEARCH_LENGTH = 100;
/** Cases on one page of the desk. */
export const DESK_PAGE_SIZE = 20;
/** The last page the desk reads (DESK_PAGE_SIZE × this many cases, newest first). */
export const MAX_DESK_PAGE = 1000;
/** A session is scheduled at most this far ahead. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;
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
    .array(
      z.object({
        displayName,
        role: InvitedRole,
        /** How to reach them (phone or address); kept with the case, never printed in the agreement. */
        contact: signableText(z.string().trim().max(MAX_CONTACT_LENGTH)).optional(),
      }),
    )
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

/** One invited person of a case as the desk shows them (the case's own mediator is not listed). */
export const CasePerson = z.object({
  participantId: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** Phone or address; '' when none was given. */
  contact: z.string(),
  /** Their link is withdrawn. */
  withdrawn: z.boolean(),
});
export type CasePerson = z.infer<typeof CasePerson>;

export const CaseSummary = z.object({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  category: z.enum(DISPUTE_CATEGORIES),
  createdAt: z.string(),
  roomId: z.string(),
  status: z.enum(CASE_STATUSES),
  /** The time of its next (or last) session, if one is scheduled. */
  scheduledAt: z.string().nullable(),
  /** When it reached its outcome. */
  closedAt: z.string().nullable(),
  outcomeNote: z.string(),
  people: z.array(CasePerson),
  /** The signed agreement the committee keeps, once issued. */
  issuedAgreement: z.object({ documentNumber: z.string(), issuedAt: z.string() }).nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** `GET /api/cases`: the desk, filtered by status and by words of the case number or title. */
export const DeskQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  q: z.string().trim().max(MAX_DESK_SEARCH_LENGTH).optional(),
  page: z.coerce.number().int().min(1).max(MAX_DESK_PAGE).default(1),
});
export type DeskQuery = z.infer<typeof DeskQuery>;

export const DeskPage = z.object({
  cases: z.array(CaseSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Cases that match the filter, on every page. */
  total: z.number().int(),
  /** Cases that match the search, by status (the status filter aside): the desk's chips. */
  counts: z.record(z.enum(CASE_STATUSES), z.number().int()),
});
export type DeskPage = z.infer<typeof DeskPage>;

/** `POST /api/cases/:caseId/schedule`: the time of the case's next session, in the future. */
export const ScheduleSessionRequest = z.object({
  scheduledAt: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), { message: 'must be in the future' })
    .refine((at) => Date.parse(at) <= Date.now() + MAX_SCHEDULE_AHEAD_DAYS * 24 * 60 * 60 * 1000, {
      message: `must be within ${MAX_SCHEDULE_AHEAD_DAYS} days`,
    }),
});
export type ScheduleSessionRequest = z.infer<typeof ScheduleSessionRequest>;

const outcomeNote = signableText(z.string().trim().max(MAX_OUTCOME_NOTE_LENGTH));

/**
 * `POST /api/cases/:caseId/outcome`: how the case ended. Not settling, or the case being
 * withdrawn, needs a word on why; a settlement speaks for itself (its agreement).
 */
export const RecordOutcomeRequest = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal(CaseOutcome.settled), note: outcomeNote.default('') }),
  z.object({ outcome: z.literal(CaseOutcome.notSettled), note: signableText(z.string().trim().min(1).max(MAX_OUTCOME_NOTE_LENGTH)) }),
  z.object({ outcome: z.literal(CaseOutcome.withdrawn), note: signableText(z.string().trim().min(1).max(MAX_OUTCOME_NOTE_LENGTH)) }),
]);
export type RecordOutcomeRequest = z.infer<typeof RecordOutcomeRequest>;
export type RecordOutcomeInput = z.input<typeof RecordOutcomeRequest>;

/** `GET /api/cases/:caseId/record-check`: whether the case's audit log still holds its hash chain. */
export const RecordCheck = z.union([
  z.object({ valid: z.literal(true), entries: z.number().int(), lastHash: z.string() }),
  z.object({
    valid: z.literal(false),
    entries: z.number().int(),
    /** The first entry that does not hold, and why. */
    brokenAt: z.object({ sequence: z.number().int(), reason: z.enum(['hash-mismatch', 'previous-hash-mismatch', 'sequence-gap']) }),
  }),
]);
export type RecordCheck = z.infer<typeof RecordCheck>;
