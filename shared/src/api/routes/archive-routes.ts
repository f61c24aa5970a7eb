import { z } from 'zod';
import { numberQueryProblem } from '../../archive/number-tokens.js';
import { partyQueryProblem } from '../../archive/party-name-tokens.js';
import { DISPUTE_CATEGORIES } from '../../domain/dispute-categories.js';
import { CASE_STATUSES } from '../../domain/organisation.js';
import { ROLES } from '../../domain/roles.js';
import { defineRoutes } from '../api-route.js';

/** Results one page of the archive may hold. */
export const MAX_ARCHIVE_PAGE_SIZE = 50;
export const DEFAULT_ARCHIVE_PAGE_SIZE = 20;
/**
 * How far into one search's results pages reach, and how far its total is counted: beyond
 * this many, a search is narrowed (by a filter, a name, dates), not paged through. It
 * keeps every search's cost bounded by its matches, whatever the archive holds.
 */
export const MAX_ARCHIVE_RESULTS = 10_000;
/** A search text (a name, a case or document number) is at most this long. */
export const MAX_ARCHIVE_QUERY_LENGTH = 64;
/** Access log entries one page may hold. */
export const MAX_ACCESS_LOG_PAGE_SIZE = 100;
export const DEFAULT_ACCESS_LOG_PAGE_SIZE = 50;
const MAX_CASE_ID_LENGTH = 64;

export const ARCHIVE_SORTS = ['newest', 'oldest', 'case-number'] as const;
export type ArchiveSortOrder = (typeof ARCHIVE_SORTS)[number];
export const ARCHIVE_ACCESS_TYPES = ['agreement.downloaded', 'agreement.verified'] as const;

/** A form's empty field is no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const text = (problem: (value: string) => string | null) =>
  optional(
    z
      .string()
      .trim()
      .max(MAX_ARCHIVE_QUERY_LENGTH)
      .superRefine((value, context) => {
        const message = problem(value);
        if (message !== null) context.addIssue({ code: 'custom', message });
      }),
  );
/** A calendar day, YYYY-MM-DD, read in China's time (UTC+8). */
const day = optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date looks like 2026-03-01.').refine((value) => !Number.isNaN(Date.parse(value)), 'No such date.'));

export const ArchiveSearchQuery = z
  .object({
    /** A party's name, a case number or a document number. */
    q: text((value) => (partyQueryProblem(value) === null || numberQueryProblem(value) === null ? null : partyQueryProblem(value))),
    party: text(partyQueryProblem),
    caseNumber: text(numberQueryProblem),
    documentNumber: text(numberQueryProblem),
    category: optional(z.enum(DISPUTE_CATEGORIES)),
    status: optional(z.enum(CASE_STATUSES)),
    /** First and last day (inclusive) of issue, or of the case while nothing is issued. */
    from: day,
    to: day,
    sort: optional(z.enum(ARCHIVE_SORTS)).transform((value) => value ?? 'newest'),
    page: optional(z.coerce.number().int().min(1)).transform((value) => value ?? 1),
    pageSize: optional(z.coerce.number().int().min(1).max(MAX_ARCHIVE_PAGE_SIZE)).transform((value) => value ?? DEFAULT_ARCHIVE_PAGE_SIZE),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: 'The first day comes before the last.', path: ['to'] })
  .refine((query) => query.page * query.pageSize <= MAX_ARCHIVE_RESULTS, {
    message: `Pages reach the first ${MAX_ARCHIVE_RESULTS} results; narrow the search to see others.`,
    path: ['page'],
  });
export type ArchiveSearchQuery = z.infer<typeof ArchiveSearchQuery>;

const ArchiveItem = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  category: z.enum(DISPUTE_CATEGORIES),
  status: z.enum(CASE_STATUSES),
  committeeName: z.string(),
  /** The applicants' and respondents' names. */
  parties: z.array(z.string()),
  documentNumber: z.string().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ArchiveItem = z.infer<typeof ArchiveItem>;

export const ArchiveSearchResult = z.object({
  /** Matches counted, up to MAX_ARCHIVE_RESULTS. */
  total: z.number().int(),
  /** More match than `total`: narrow the search. */
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(ArchiveItem),
});
export type ArchiveSearchResult = z.infer<typeof ArchiveSearchResult>;

const Signer = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  signedAt: z.string(),
  publicKeyFingerprint: z.string(),
  signatureValid: z.boolean(),
});

/** The public verification's report (VerificationReport), of the archived copy. */
export const ArchiveVerification = z.object({
  detail: z.enum(['full', 'existence']),
  authentic: z.boolean(),
  tampered: z.boolean(),
  documentNumber: z.string().nullable(),
  issuedAt: z.string().nullable(),
  /** The committee whose seal signed the PDF. */
  committee: z.string().nullable(),
  caseNumber: z.string().nullable(),
  version: z.number().nullable(),
  agreementHash: z.string().nullable(),
  pdfSha256: z.string().nullable(),
  signers: z.array(Signer),
});

const Localised = z.object({ en: z.string(), 'zh-CN': z.string() });

export const ArchiveAuditEntry = z.object({
  sequence: z.number().int(),
  at: z.string(),
  type: z.string(),
  actorName: z.string(),
  /** `account`, `api-key`, `service`, `visitor`, or the participant's role. */
  actorRole: z.string(),
  /** What happened and what it recorded, in each language of the service. */
  label: Localised,
  description: Localised,
  hash: z.string(),
});
export type ArchiveAuditEntry = z.infer<typeof ArchiveAuditEntry>;

/** The hash chain of the case's audit log: intact, or broken at an entry. */
export const ArchiveChainCheck = z.union([
  z.object({ valid: z.literal(true), entries: z.number().int(), lastHash: z.string() }),
  z.object({
    valid: z.literal(false),
    entries: z.number().int(),
    brokenAt: z.object({ sequence: z.number().int(), reason: z.enum(['hash-mismatch', 'previous-hash-mismatch', 'sequence-gap']) }),
  }),
]);

export const ArchiveAccessItem = z.object({
  accessId: z.number().int(),
  caseId: z.string(),
  caseNumber: z.string(),
  at: z.string(),
  type: z.enum(ARCHIVE_ACCESS_TYPES),
  actorName: z.string(),
  actorRole: z.string(),
  ip: z.string(),
  documentNumber: z.string(),
  /** A verification's way (number, upload, archive) and verdict; null for a download. */
  method: z.string().nullable(),
  verdict: z.string().nullable(),
});
export type ArchiveAccessItem = z.infer<typeof ArchiveAccessItem>;

export const ArchiveCaseRecord = z.object({
  case: z.object({
    caseId: z.string(),
    caseNumber: z.string(),
    title: z.string(),
    category: z.enum(DISPUTE_CATEGORIES),
    status: z.enum(CASE_STATUSES),
    committeeName: z.string(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  }),
  parties: z.array(z.object({ name: z.string(), role: z.string() })),
  agreement: z.object({ documentNumber: z.string(), pdfSha256: z.string(), issuedAt: z.string() }).nullable(),
  /** The stored PDF checked as an upload would be: null while nothing is issued. */
  verification: ArchiveVerification.nullable(),
  audit: z.object({ entries: z.array(ArchiveAuditEntry), chain: ArchiveChainCheck }),
  /** The newest downloads and verifications of this case's agreement. */
  access: z.array(ArchiveAccessItem),
});
export type ArchiveCaseRecord = z.infer<typeof ArchiveCaseRecord>;

export const ArchiveAccessQuery = z.object({
  caseId: optional(z.string().max(MAX_CASE_ID_LENGTH)),
  type: optional(z.enum(ARCHIVE_ACCESS_TYPES)),
  /** The last accessId of the page before. */
  before: optional(z.coerce.number().int().min(1)),
  limit: optional(z.coerce.number().int().min(1).max(MAX_ACCESS_LOG_PAGE_SIZE)).transform((value) => value ?? DEFAULT_ACCESS_LOG_PAGE_SIZE),
});

export const ArchiveAccessPage = z.object({
  items: z.array(ArchiveAccessItem),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: z.number().int().nullable(),
});
export type ArchiveAccessPage = z.infer<typeof ArchiveAccessPage>;

const CaseParams = z.object({ caseId: z.string().min(1).max(MAX_CASE_ID_LENGTH) });
const TAG = 'Archive';

/**
 * The committee portal's archive: committee staff read their committee's cases and issued
 * agreements, administrators and API keys those below their region; anything else is
 * NOT_FOUND. Downloads and verifications go into the case's audit log.
 */
export const archiveRoutes = defineRoutes({
  searchArchive: {
    method: 'get',
    path: '/api/archive/agreements',
    summary: 'Search the cases and issued agreements within reach',
    description:
      'By a party’s name (two or more Chinese characters, or words), a case or document number (by its parts), category, status and dates; newest issued first unless sorted otherwise.',
    tag: TAG,
    auth: 'principal',
    query: ArchiveSearchQuery,
    response: ArchiveSearchResult,
  },
  readArchivedCase: {
    method: 'get',
    path: '/api/archive/cases/:caseId',
    summary: 'A case of the archive: its parties, agreement, the check of its stored PDF, its audit log and who accessed it',
    tag: TAG,
    auth: 'principal',
    params: CaseParams,
    response: ArchiveCaseRecord,
  },
  downloadArchivedAgreement: {
    method: 'get',
    path: '/api/archive/cases/:caseId/agreement.pdf',
    summary: 'The issued agreement’s PDF (recorded in the case’s audit log)',
    tag: TAG,
    auth: 'principal',
    params: CaseParams,
    response: { mediaType: 'application/pdf' },
  },
  verifyArchivedAgreement: {
    method: 'post',
    path: '/api/archive/cases/:caseId/verify',
    summary: 'Checks the stored PDF against the records (recorded in the case’s audit log)',
    tag: TAG,
    auth: 'principal',
    params: CaseParams,
    response: ArchiveVerification,
  },
  listArchiveAccess: {
    method: 'get',
    path: '/api/archive/access-log',
    summary: 'Who downloaded or verified which agreement, and when, newest first',
    tag: TAG,
    auth: 'principal',
    query: ArchiveAccessQuery,
    response: ArchiveAccessPage,
  },
});
