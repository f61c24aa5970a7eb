import { randomUUID } from 'node:crypto';
import { AccountAuditType, AccountRole, ErrorCode, type CreateAccountRequest } from '@mediation/shared';
import { hashPassword } from '../auth/password.js';
import { AppError } from '../errors/app-error.js';
import { authorizeAccountManagement, type AccountPrincipal } from '../policy/policy.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { AccountRecord } from '../store/records.js';
import type { AccountAuditActor } from './account-audit-actor.js';
import { auditPlaceOf, type AccountPlace } from './account-place.js';

const EMAIL_TAKEN = 'An account with this email already exists.';

/**
 * Adds an account at its place (a committee for staff and mediators, a region for an
 * administrator). An email has one account at most.
 */
export async function createAccount(
  store: OrganisationStore,
  principal: AccountPrincipal,
  actor: AccountAuditActor,
  request: CreateAccountRequest,
): Promise<{ account: AccountRecord; place: AccountPlace }> {
  const place = await placeOf(store, request);
  authorizeAccountManagement(principal, place);
  if (await store.findAccountByEmail(request.email)) throw new AppError(ErrorCode.conflict, EMAIL_TAKEN);

  const now = new Date().toISOString();
  const common = { id: randomUUID(), email: request.email, displayName: request.displayName, passwordHash: await hashPassword(request.password), createdAt: now, disabledAt: null };
  const account: AccountRecord =
    request.role === AccountRole.administrator
      ? { ...common, role: request.role, regionId: request.regionId, committeeId: null }
      : { ...common, role: request.role, committeeId: request.committeeId, regionId: null };
  try {
    await store.createAccount(account, {
      ...actor,
      at: now,
      type: AccountAuditType.accountCreated,
      ...auditPlaceOf(place),
      data: { accountId: account.id, email: account.email, displayName: account.displayName, role: account.role },
    });
  } catch (error) {
    // Someone took the email while the password was being hashed: the store refused the second.
    if (await store.findAccountByEmail(request.email)) throw new AppError(ErrorCode.conflict, EMAIL_TAKEN);
    throw error;
  }
  return { account, place };
}

async function placeOf(store: OrganisationStore, request: CreateAccountRequest): Promise<AccountPlace> {
  if (request.role === AccountRole.administrator) {
    const region = await store.findRegion(request.regionId);
    if (!region) throw new AppError(ErrorCode.notFound, 'No such region.');
    return { kind: 'region', region };
  }
  const committee = await store.findCommittee(request.committeeId);
  if (!committee) throw new AppError(ErrorCode.notFound, 'No such committee.');
  return { kind: 'committee', committee };
}
