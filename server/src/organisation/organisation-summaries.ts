import type { AccountAuditEntry, AccountSummary, ApiKeySummary, CommitteeSummary, RegionSummary } from '@mediation/shared';
import type { AccountAuditRecord, AccountRecord, ApiKeyRecord, CommitteeRecord, RegionRecord } from '../store/records.js';

/** The organisation as administrators read it: what the records hold, less hashes and secrets. */

export function regionSummary(region: RegionRecord): RegionSummary {
  return { id: region.id, parentId: region.parentId, level: region.level, name: region.name, code: region.code, path: region.path, createdAt: region.createdAt };
}

export function committeeSummary(committee: CommitteeRecord, regionName: string): CommitteeSummary {
  return { id: committee.id, name: committee.name, kind: committee.kind, regionId: committee.regionId, regionName, createdAt: committee.createdAt };
}

export function accountSummary(account: AccountRecord, placeName: string): AccountSummary {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    committeeId: account.committeeId,
    regionId: account.regionId,
    placeName,
    createdAt: account.createdAt,
    disabledAt: account.disabledAt,
  };
}

export function apiKeySummary(key: ApiKeyRecord, regionName: string): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    regionId: key.regionId,
    regionName,
    keyPrefix: key.keyPrefix,
    createdBy: key.createdBy,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}

export function accountAuditEntry(entry: AccountAuditRecord): AccountAuditEntry {
  const { regionPath: _regionPath, ...shown } = entry;
  return shown;
}
