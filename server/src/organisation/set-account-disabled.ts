import { AccountAuditType, ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeAccountStatusChange, type AccountPrincipal } from '../policy/policy.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { AccountRecord } from '../store/records.js';
import type { AccountAuditActor } from './account-audit-actor.js';
import { accountPlace, auditPlaceOf, type AccountPlace } from './account-place.js';

/**
 * Disables an account (it can no longer sign in, and its sessions are ended) or enables it
 * again (its owner signs in anew). Asking for the state it is in already changes nothing
 * and writes nothing to the log.
 */
export async function setAccountDisabled(
  store: OrganisationStore,
  principal: AccountPrincipal,
  actor: AccountAuditActor,
  accountId: string,
  disabled: boolean,
): Promise<{ account: AccountRecord; place: AccountPlace }> {
  const target = await store.findAccountById(accountId);
  if (!target) throw new AppError(ErrorCode.notFound, 'No such account.');
  const place = await accountPlace(store, target);
  authorizeAccountStatusChange(principal, target, place);

  const now = new Date().toISOString();
  await store.setAccountDisabled(target.id, disabled ? now : null, {
    ...actor,
    at: now,
    type: disabled ? AccountAuditType.accountDisabled : AccountAuditType.accountEnabled,
    ...auditPlaceOf(place),
    data: { accountId: target.id, email: target.email, displayName: target.displayName, role: target.role },
  });
  return { account: (await store.findAccountById(target.id))!, place };
}
