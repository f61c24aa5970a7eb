import { z } from 'zod';
import { ACCOUNT_ROLES, AccountRole, COMMITTEE_KINDS, REGION_LEVELS } from '../domain/organisation.js';
import { signableText } from '../text/signable-text.js';

/**
 * What an administrator reads and writes of the organisation below their region: regions,
 * committees, accounts, API keys and the log of sign-ins and administrative actions.
 */

/** Ids are UUIDs, or short names given at set-up (`region-root`). */
export const MAX_ORGANISATION_ID_LENGTH = 64;
/** A region's or committee's name is printed in agreements and certificates. */
export const MAX_REGION_NAME_LENGTH = 80;
export const MAX_COMMITTEE_NAME_LENGTH = 100;
/** The administrative division code: 6 digits (county and above) or 12 (township and below). */
export const MAX_REGION_CODE_LENGTH = 12;
export const MAX_ACCOUNT_NAME_LENGTH = 80;
export const MAX_EMAIL_LENGTH = 254;
/** Accounts reach the archive of many committees: a long password is the least they need. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_API_KEY_NAME_LENGTH = 80;
/** Entries of the account audit log per page: the default, and the most one request may ask for. */
export const ACCOUNT_AUDIT_PAGE_SIZE = 50;
export const MAX_ACCOUNT_AUDIT_PAGE_SIZE = 200;

const organisationId = z.string().trim().min(1).max(MAX_ORGANISATION_ID_LENGTH);
const email = z.string().trim().toLowerCase().email().max(MAX_EMAIL_LENGTH);
const password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
const displayName = signableText(z.string().trim().min(1).max(MAX_ACCOUNT_NAME_LENGTH));

export const CreateRegionRequest = z.object({
  parentId: organisationId,
  name: signableText(z.string().trim().min(1).max(MAX_REGION_NAME_LENGTH)),
  code: z
    .string()
    .trim()
    .regex(/^\d*$/, 'must be digits (the administrative division code)')
    .max(MAX_REGION_CODE_LENGTH)
    .default(''),
});
export type CreateRegionRequest = z.infer<typeof CreateRegionRequest>;
/** A request as sent: the code may be left out. */
export type CreateRegionInput = z.input<typeof CreateRegionRequest>;

export const CreateCommitteeRequest = z.object({
  regionId: organisationId,
  name: signableText(z.string().trim().min(1).max(MAX_COMMITTEE_NAME_LENGTH)),
  kind: z.enum(COMMITTEE_KINDS),
});
export type CreateCommitteeRequest = z.infer<typeof CreateCommitteeRequest>;

/** An administrator belongs to a region; staff and mediators to a committee. */
export const CreateAccountRequest = z.discriminatedUnion('role', [
  z.object({ role: z.literal(AccountRole.administrator), regionId: organisationId, email, displayName, password }),
  z.object({ role: z.enum([AccountRole.staff, AccountRole.mediator]), committeeId: organisationId, email, displayName, password }),
]);
export type CreateAccountRequest = z.infer<typeof CreateAccountRequest>;

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(MAX_API_KEY_NAME_LENGTH),
  regionId: organisationId,
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const AccountIdParams = z.object({ accountId: organisationId });
export const ApiKeyIdParams = z.object({ keyId: organisationId });

export const CommitteeListQuery = z.object({
  /** Only the committees in and below this region. */
  regionId: organisationId.optional(),
});

export const AccountAuditQuery = z.object({
  /** Entries older than this sequence number: the `nextBefore` of the page before. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ACCOUNT_AUDIT_PAGE_SIZE).default(ACCOUNT_AUDIT_PAGE_SIZE),
});

export const RegionSummary = z.object({
  id: z.string(),
  /** Null for a province, the top of the tree. */
  parentId: z.string().nullable(),
  level: z.enum(REGION_LEVELS),
  name: z.string(),
  code: z.string(),
  /** `/<root id>/…/<own id>/`: the ids from the province down. */
  path: z.string(),
  createdAt: z.string(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const CommitteeSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(COMMITTEE_KINDS),
  regionId: z.string(),
  regionName: z.string(),
  createdAt: z.string(),
});
export type CommitteeSummary = z.infer<typeof CommitteeSummary>;

/** An account as administrators see it: never its password hash. */
export const AccountSummary = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  /** Staff and mediators: their committee. */
  committeeId: z.string().nullable(),
  /** Administrators: their region. */
  regionId: z.string().nullable(),
  /** The committee's or the region's name. */
  placeName: z.string(),
  createdAt: z.string(),
  /** Set while the account is disabled: it cannot sign in. */
  disabledAt: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/** An API key as listed: its first characters only, never the key or its hash. */
export const ApiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  keyPrefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;

/** A key just made: the only answer that carries the key itself. */
export const CreatedApiKey = ApiKeySummary.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

/** What the account audit log records, by `type`; other types may appear and are shown as they are. */
export const AccountAuditType = {
  signedIn: 'account.signed-in',
  signInFailed: 'account.sign-in-failed',
  signedOut: 'account.signed-out',
  regionCreated: 'region.created',
  committeeCreated: 'committee.created',
  accountCreated: 'account.created',
  accountDisabled: 'account.disabled',
  accountEnabled: 'account.enabled',
  apiKeyCreated: 'api-key.created',
  apiKeyRevoked: 'api-key.revoked',
} as const;
export type AccountAuditType = (typeof AccountAuditType)[keyof typeof AccountAuditType];
export const ACCOUNT_AUDIT_TYPES = Object.values(AccountAuditType);

export const AccountAuditEntry = z.object({
  sequence: z.number().int(),
  at: z.string(),
  type: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  ip: z.string(),
  device: z.string(),
  committeeId: z.string().nullable(),
  /** What the action concerned (ids, names, email, role); never a password or a key. */
  data: z.record(z.string(), z.unknown()),
});
export type AccountAuditEntry = z.infer<typeof AccountAuditEntry>;

export const AccountAuditPage = z.object({
  /** Newest first. */
  entries: z.array(AccountAuditEntry),
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: z.number().int().nullable(),
});
export type AccountAuditPage = z.infer<typeof AccountAuditPage>;
