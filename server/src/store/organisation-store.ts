import type { AccountAuditInput, AccountAuditRecord, AccountRecord, ApiKeyRecord, CommitteeRecord, RegionRecord } from './records.js';

/** A page of the account audit log: newest first, before `beforeSequence` when given. */
export interface AccountAuditQuery {
  /** Entries whose region path starts with this (a region and everything below it). */
  regionPath?: string;
  /** Entries of this committee only. */
  committeeId?: string;
  beforeSequence?: number;
  limit: number;
}

/**
 * The province's organisation: regions, committees, accounts, API keys, and the log of
 * sign-ins and administrative actions.
 *
 * Guarantees: each method is one transaction; a write resolves once it is durable. Every
 * write that changes the organisation takes the audit entry that records it and writes both
 * or neither. Paths are fixed at creation (nothing moves between regions), so a prefix read
 * of a path always means the same subtree.
 */
export interface OrganisationStore {
  createRegion(region: RegionRecord, audit: AccountAuditInput): Promise<void>;
  findRegion(id: string): Promise<RegionRecord | undefined>;
  /** The region whose path is this prefix and every region below it, by path. */
  listRegionsUnder(path: string): Promise<RegionRecord[]>;

  createCommittee(committee: CommitteeRecord, audit: AccountAuditInput): Promise<void>;
  findCommittee(id: string): Promise<CommitteeRecord | undefined>;
  /** Committees whose region path starts with `path`, by name. */
  listCommitteesUnder(path: string): Promise<CommitteeRecord[]>;

  /** Fails (and writes nothing) when the email is taken. */
  createAccount(account: AccountRecord, audit: AccountAuditInput): Promise<void>;
  findAccountByEmail(email: string): Promise<AccountRecord | undefined>;
  findAccountById(id: string): Promise<AccountRecord | undefined>;
  /** Administrators of regions under `path` and the accounts of committees under it, by email. */
  listAccountsUnder(path: string): Promise<AccountRecord[]>;
  /**
   * Disables (`at`) or enables (null) an account; false when there is no such account or
   * nothing changed. Disabling revokes every session of the account in the same
   * transaction, so enabling it again revives none of them: its owner signs in anew.
   */
  setAccountDisabled(id: string, at: string | null, audit: AccountAuditInput): Promise<boolean>;

  createApiKey(key: ApiKeyRecord, audit: AccountAuditInput): Promise<void>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeysUnder(path: string): Promise<ApiKeyRecord[]>;
  /** False when there is no such key or it was revoked already. */
  revokeApiKey(id: string, at: string, audit: AccountAuditInput): Promise<boolean>;
  /** Records when a key was last used (best effort: at most once a minute per key is enough). */
  touchApiKey(id: string, at: string): Promise<void>;

  appendAccountAudit(entry: AccountAuditInput): Promise<void>;
  listAccountAudit(query: AccountAuditQuery): Promise<AccountAuditRecord[]>;
}
