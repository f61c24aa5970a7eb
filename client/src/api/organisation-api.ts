import {
  organisationRoutes,
  pathOf,
  type AccountAuditPage,
  type AccountSummary,
  type ApiKeySummary,
  type CommitteeSummary,
  type CreateAccountRequest,
  type CreateApiKeyRequest,
  type CreateCommitteeRequest,
  type CreatedApiKey,
  type CreateRegionInput,
  type RegionSummary,
} from '@mediation/shared';
import { requestJson } from './request-json';

const routes = organisationRoutes;

export function listRegions(): Promise<RegionSummary[]> {
  return requestJson(pathOf(routes.listRegions));
}

export function createRegion(request: CreateRegionInput): Promise<RegionSummary> {
  return requestJson(pathOf(routes.createRegion), { method: 'POST', body: request });
}

export function listCommittees(): Promise<CommitteeSummary[]> {
  return requestJson(pathOf(routes.listCommittees));
}

export function createCommittee(request: CreateCommitteeRequest): Promise<CommitteeSummary> {
  return requestJson(pathOf(routes.createCommittee), { method: 'POST', body: request });
}

export function listAccounts(): Promise<AccountSummary[]> {
  return requestJson(pathOf(routes.listAccounts));
}

export function createAccount(request: CreateAccountRequest): Promise<AccountSummary> {
  return requestJson(pathOf(routes.createAccount), { method: 'POST', body: request });
}

export function setAccountDisabled(accountId: string, disabled: boolean): Promise<AccountSummary> {
  const route = disabled ? routes.disableAccount : routes.enableAccount;
  return requestJson(pathOf(route, { accountId }), { method: 'POST' });
}

export function listApiKeys(): Promise<ApiKeySummary[]> {
  return requestJson(pathOf(routes.listApiKeys));
}

export function createApiKey(request: CreateApiKeyRequest): Promise<CreatedApiKey> {
  return requestJson(pathOf(routes.createApiKey), { method: 'POST', body: request });
}

export function revokeApiKey(keyId: string): Promise<ApiKeySummary> {
  return requestJson(pathOf(routes.revokeApiKey, { keyId }), { method: 'POST' });
}

/** One page of the account audit log, newest first; `before` is the previous page's `nextBefore`. */
export function listAccountAudit(before?: number): Promise<AccountAuditPage> {
  const query = before === undefined ? '' : `?before=${before}`;
  return requestJson(`${pathOf(routes.listAccountAudit)}${query}`);
}
