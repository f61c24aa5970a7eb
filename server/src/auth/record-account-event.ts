import type { Request } from 'express';
import type { AccountAuditType } from '@mediation/shared';
import { requestActor } from '../http/request-actor.js';
import { accountPlace, auditPlaceOf } from '../organisation/account-place.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { AccountRecord } from '../store/records.js';

/**
 * Writes something that happened to an account's own sign-in (signed in, a failed attempt,
 * signed out) to the account audit log, at the account's place, so its administrators see
 * it. `data` never holds a password or a token.
 */
export async function recordAccountEvent(
  store: OrganisationStore,
  req: Request,
  account: AccountRecord,
  type: AccountAuditType,
  data: Record<string, unknown> = {},
): Promise<void> {
  const { ip, device } = requestActor(req, null);
  await store.appendAccountAudit({
    at: new Date().toISOString(),
    type,
    actorId: account.id,
    actorName: account.displayName,
    ip,
    device,
    ...auditPlaceOf(await accountPlace(store, account)),
    data: { email: account.email, ...data },
  });
}
