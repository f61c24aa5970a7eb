import { AccountAuditType, ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeApiKeyManagement, authorizeOrganisationRead, type AccountPrincipal } from '../policy/policy.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { ApiKeyRecord, RegionRecord } from '../store/records.js';
import type { AccountAuditActor } from './account-audit-actor.js';

/** Revokes an API key for good: every later request with it is refused. Revoking it again changes nothing. */
export async function revokeApiKey(
  store: OrganisationStore,
  principal: AccountPrincipal,
  actor: AccountAuditActor,
  keyId: string,
): Promise<{ record: ApiKeyRecord; region: RegionRecord }> {
  // Keys are looked up among those the administrator can read, so another region's key is NOT_FOUND.
  const findKey = async () => (await store.listApiKeysUnder(authorizeOrganisationRead(principal))).find((key) => key.id === keyId);
  const key = await findKey();
  if (!key) throw new AppError(ErrorCode.notFound, 'No such API key.');
  const region = await store.findRegion(key.regionId);
  if (!region) throw new Error(`API key ${key.id} names a region that does not exist`);
  authorizeApiKeyManagement(principal, region);

  const now = new Date().toISOString();
  await store.revokeApiKey(key.id, now, {
    ...actor,
    at: now,
    type: AccountAuditType.apiKeyRevoked,
    regionPath: region.path,
    committeeId: null,
    data: { keyId: key.id, name: key.name, keyPrefix: key.keyPrefix, regionId: region.id },
  });
  return { record: (await findKey())!, region };
}
