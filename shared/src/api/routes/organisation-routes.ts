import { z } from 'zod';
import { defineRoutes } from '../api-route.js';
import {
  AccountAuditPage,
  AccountAuditQuery,
  AccountIdParams,
  AccountSummary,
  ApiKeyIdParams,
  ApiKeySummary,
  CommitteeListQuery,
  CommitteeSummary,
  CreateAccountRequest,
  CreateApiKeyRequest,
  CreateCommitteeRequest,
  CreatedApiKey,
  CreateRegionRequest,
  RegionSummary,
} from '../organisation.js';

export * from '../organisation.js';

const TAG = 'Organisation';

/**
 * The organisation's administration: an administrator manages what lies in and below their
 * region. Staff and mediators are refused (FORBIDDEN); anything outside the administrator's
 * region is answered as if it did not exist (NOT_FOUND).
 */
export const organisationRoutes = defineRoutes({
  listRegions: {
    method: 'get',
    path: '/api/organisation/regions',
    summary: 'The administrator’s region and every region below it, as a flat list by path',
    description: 'Each region names its parent and its path (the ids from the province down), from which the tree is built.',
    tag: TAG,
    auth: 'account',
    response: z.array(RegionSummary),
  },
  createRegion: {
    method: 'post',
    path: '/api/organisation/regions',
    summary: 'Add a region below a region (a city below a province, a county below a city, a township below a county)',
    tag: TAG,
    auth: 'account',
    body: CreateRegionRequest,
    response: RegionSummary,
    status: 201,
  },
  listCommittees: {
    method: 'get',
    path: '/api/organisation/committees',
    summary: 'The committees in and below the administrator’s region, or in and below the region asked for',
    tag: TAG,
    auth: 'account',
    query: CommitteeListQuery,
    response: z.array(CommitteeSummary),
  },
  createCommittee: {
    method: 'post',
    path: '/api/organisation/committees',
    summary: 'Add a people’s mediation committee at a region; its signing certificate is made at once',
    tag: TAG,
    auth: 'account',
    body: CreateCommitteeRequest,
    response: CommitteeSummary,
    status: 201,
  },
  listAccounts: {
    method: 'get',
    path: '/api/organisation/accounts',
    summary: 'The accounts of the committees and regions in and below the administrator’s region',
    tag: TAG,
    auth: 'account',
    response: z.array(AccountSummary),
  },
  createAccount: {
    method: 'post',
    path: '/api/organisation/accounts',
    summary: 'Add an account: staff or a mediator of a committee, or an administrator of a region below one’s own',
    description: 'The email must not have an account yet (CONFLICT otherwise).',
    tag: TAG,
    auth: 'account',
    body: CreateAccountRequest,
    response: AccountSummary,
    status: 201,
  },
  disableAccount: {
    method: 'post',
    path: '/api/organisation/accounts/:accountId/disable',
    summary: 'Disable an account: it can no longer sign in, and its sessions stop working',
    tag: TAG,
    auth: 'account',
    params: AccountIdParams,
    response: AccountSummary,
  },
  enableAccount: {
    method: 'post',
    path: '/api/organisation/accounts/:accountId/enable',
    summary: 'Enable a disabled account again',
    tag: TAG,
    auth: 'account',
    params: AccountIdParams,
    response: AccountSummary,
  },
  listApiKeys: {
    method: 'get',
    path: '/api/organisation/api-keys',
    summary: 'The API keys of the administrator’s region and the regions below it (their first characters only)',
    tag: TAG,
    auth: 'account',
    response: z.array(ApiKeySummary),
  },
  createApiKey: {
    method: 'post',
    path: '/api/organisation/api-keys',
    summary: 'Make an API key for another platform, reaching a region and everything below it',
    description: 'The answer is the only time the key is shown: only its hash is kept.',
    tag: TAG,
    auth: 'account',
    body: CreateApiKeyRequest,
    response: CreatedApiKey,
    status: 201,
  },
  revokeApiKey: {
    method: 'post',
    path: '/api/organisation/api-keys/:keyId/revoke',
    summary: 'Revoke an API key: it is refused from then on',
    tag: TAG,
    auth: 'account',
    params: ApiKeyIdParams,
    response: ApiKeySummary,
  },
  listAccountAudit: {
    method: 'get',
    path: '/api/organisation/audit',
    summary: 'Sign-ins and administrative actions in and below the administrator’s region, newest first',
    tag: TAG,
    auth: 'account',
    query: AccountAuditQuery,
    response: AccountAuditPage,
  },
});
