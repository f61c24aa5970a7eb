import { randomUUID } from 'node:crypto';
import { AccountAuditType, ErrorCode, type CreateApiKeyRequest } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeApiKeyManagement, type AccountPrincipal } from '../policy/policy.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { ApiKeyRecord, RegionRecord } from '../store/records.js';
import type { AccountAuditActor } from './account-audit-actor.js';
import { API_KEY_SHOWN_CHARACTERS, hashApiKey, newApiKeySecret } from './api-key-secret.js';

/** Makes an API key reaching a region and what lies below it. The key itself is returned here and never again. */
export async function createApiKey(
  store: OrganisationStore,
  principal: AccountPrincipal,
  actor: AccountAuditActor,
  request: CreateApiKeyRequest,
): Promise<{ record: ApiKeyRecord; key: string; region: RegionRecord }> {
  const region = await store.findRegion(request.regionId);
  if (!region) throw new AppError(ErrorCode.notFound, 'No such region.');
  authorizeApiKeyManagement(principal, region);

  const key = newApiKeySecret();
  const now = new Date().toISOString();
  const record: ApiKeyRecord = {
    id: randomUUID(),
    name: request.name,
    regionId: region.id,
    regionPath: region.path,
    keyHash: hashApiKey(key),
    keyPrefix: key.slice(0, API_KEY_SHOWN_CHARACTERS),
    createdBy: principal.accountId,
    createdAt: now,
    revokedAt: null,
    lastUsedAt: null,
  };
  await store.createApiKey(record, {
    ...actor,
    at: now,
    type: AccountAuditType.apiKeyCreated,
    regionPath: region.path,
    committeeId: null,
    data: { keyId: record.id, name: record.name, keyPrefix: record.keyPrefix, regionId: region.id },
  });
  return { record, key, region };
}
