import { organisationRoutes } from '@mediation/shared';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../../errors/app-error.js';
import { accountAuditActor } from '../../organisation/account-audit-actor.js';
import { placeNameOf } from '../../organisation/account-place.js';
import { createAccount } from '../../organisation/create-account.js';
import { createApiKey } from '../../organisation/create-api-key.js';
import { createCommittee, type PrepareCommitteeCredentials } from '../../organisation/create-committee.js';
import { createRegion } from '../../organisation/create-region.js';
import { accountAuditEntry, accountSummary, apiKeySummary, committeeSummary, regionSummary } from '../../organisation/organisation-summaries.js';
import { revokeApiKey } from '../../organisation/revoke-api-key.js';
import { setAccountDisabled } from '../../organisation/set-account-disabled.js';
import { authorizeOrganisationRead, authorizeRegionRead } from '../../policy/policy.js';
import type { OrganisationStore } from '../../store/organisation-store.js';
import type { RouteHandlers } from '../mount-api-routes.js';

export interface OrganisationHandlerDeps {
  store: OrganisationStore;
  prepareCommitteeCredentials: PrepareCommitteeCredentials;
}

/** The administration of the organisation: every rule is the policy's, every write a use case of organisation/. */
export function organisationRouteHandlers(deps: OrganisationHandlerDeps): RouteHandlers<typeof organisationRoutes> {
  const { store } = deps;
  /** Names of the regions in reach by id, for lists that name each item's region. */
  const regionNames = async (regionPath: string) => new Map((await store.listRegionsUnder(regionPath)).map((region) => [region.id, region.name]));

  return {
    listRegions: async ({ principal }) => (await store.listRegionsUnder(authorizeOrganisationRead(principal))).map(regionSummary),

    createRegion: async ({ principal, req, body }) => regionSummary(await createRegion(store, principal, accountAuditActor(req, principal), body)),

    listCommittees: async ({ principal, query }) => {
      const reachPath = authorizeOrganisationRead(principal);
      let path = reachPath;
      if (query.regionId !== undefined) {
        const region = await store.findRegion(query.regionId);
        if (!region) throw new AppError(ErrorCode.notFound, 'No such region.');
        authorizeRegionRead(principal, region);
        path = region.path;
      }
      const names = await regionNames(reachPath);
      return (await store.listCommitteesUnder(path)).map((committee) => committeeSummary(committee, names.get(committee.regionId) ?? ''));
    },

    createCommittee: async ({ principal, req, body }) => {
      const { committee, region } = await createCommittee(deps, principal, accountAuditActor(req, principal), body);
      return committeeSummary(committee, region.name);
    },

    listAccounts: async ({ principal }) => {
      const path = authorizeOrganisationRead(principal);
      const [regions, committees] = await Promise.all([regionNames(path), store.listCommitteesUnder(path)]);
      const committeeNames = new Map(committees.map((committee) => [committee.id, committee.name]));
      return (await store.listAccountsUnder(path)).map((account) =>
        accountSummary(account, (account.committeeId === null ? regions.get(account.regionId) : committeeNames.get(account.committeeId)) ?? ''),
      );
    },

    createAccount: async ({ principal, req, body }) => {
      const { account, place } = await createAccount(store, principal, accountAuditActor(req, principal), body);
      return accountSummary(account, placeNameOf(place));
    },

    disableAccount: async ({ principal, req, params }) => {
      const { account, place } = await setAccountDisabled(store, principal, accountAuditActor(req, principal), params.accountId, true);
      return accountSummary(account, placeNameOf(place));
    },

    enableAccount: async ({ principal, req, params }) => {
      const { account, place } = await setAccountDisabled(store, principal, accountAuditActor(req, principal), params.accountId, false);
      return accountSummary(account, placeNameOf(place));
    },

    listApiKeys: async ({ principal }) => {
      const path = authorizeOrganisationRead(principal);
      const names = await regionNames(path);
      return (await store.listApiKeysUnder(path)).map((key) => apiKeySummary(key, names.get(key.regionId) ?? ''));
    },

    createApiKey: async ({ principal, req, body }) => {
      const { record, key, region } = await createApiKey(store, principal, accountAuditActor(req, principal), body);
      return { ...apiKeySummary(record, region.name), key };
    },

    revokeApiKey: async ({ principal, req, params }) => {
      const { record, region } = await revokeApiKey(store, principal, accountAuditActor(req, principal), params.keyId);
      return apiKeySummary(record, region.name);
    },

    listAccountAudit: async ({ principal, query }) => {
      const regionPath = authorizeOrganisationRead(principal);
      const entries = await store.listAccountAudit({ regionPath, beforeSequence: query.before, limit: query.limit });
      const last = entries.at(-1);
      return { entries: entries.map(accountAuditEntry), nextBefore: entries.length === query.limit && last ? last.sequence : null };
    },
  };
}
