import type {
  AccountSummary,
  ApiKeySummary,
  CommitteeSummary,
  CreateAccountRequest,
  CreateApiKeyRequest,
  CreateCommitteeRequest,
  CreatedApiKey,
  CreateRegionInput,
  RegionSummary,
} from '@mediation/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as api from '../api/organisation-api';
import { regionTrail } from '../organisation/region-tree';

/** The organisation an administrator manages, as last read from the server; each change reads its list again. */
export const useOrganisationStore = defineStore('organisation', () => {
  const regions = ref<RegionSummary[] | null>(null);
  const committees = ref<CommitteeSummary[] | null>(null);
  const accounts = ref<AccountSummary[] | null>(null);
  const apiKeys = ref<ApiKeySummary[] | null>(null);

  const regionsById = computed(() => new Map((regions.value ?? []).map((region) => [region.id, region])));
  /** Every region by its trail from the top the administrator sees, in tree order (the server lists them by path). */
  const regionChoices = computed(() =>
    (regions.value ?? []).map((region) => ({ region, label: regionTrail(region, regionsById.value) })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
  );

  async function loadAll(): Promise<void> {
    [regions.value, committees.value, accounts.value, apiKeys.value] = await Promise.all([
      api.listRegions(),
      api.listCommittees(),
      api.listAccounts(),
      api.listApiKeys(),
    ]);
  }

  async function addRegion(request: CreateRegionInput): Promise<RegionSummary> {
    const region = await api.createRegion(request);
    regions.value = await api.listRegions();
    return region;
  }

  async function addCommittee(request: CreateCommitteeRequest): Promise<CommitteeSummary> {
    const committee = await api.createCommittee(request);
    committees.value = await api.listCommittees();
    return committee;
  }

  async function addAccount(request: CreateAccountRequest): Promise<AccountSummary> {
    const account = await api.createAccount(request);
    accounts.value = await api.listAccounts();
    return account;
  }

  async function setAccountDisabled(accountId: string, disabled: boolean): Promise<void> {
    const changed = await api.setAccountDisabled(accountId, disabled);
    accounts.value = (accounts.value ?? []).map((account) => (account.id === changed.id ? changed : account));
  }

  async function addApiKey(request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const created = await api.createApiKey(request);
    apiKeys.value = await api.listApiKeys();
    return created;
  }

  async function revokeApiKey(keyId: string): Promise<void> {
    const revoked = await api.revokeApiKey(keyId);
    apiKeys.value = (apiKeys.value ?? []).map((key) => (key.id === revoked.id ? revoked : key));
  }

  return { regions, committees, accounts, apiKeys, regionsById, regionChoices, loadAll, addRegion, addCommittee, addAccount, setAccountDisabled, addApiKey, revokeApiKey };
});
