import type { KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { ErrorCode } from '@mediation/shared';
import { SESSION_COOKIE, verifyAccountSession } from '../auth/account-session.js';
import { AppError } from '../errors/app-error.js';
import type { AccountPrincipal } from '../policy/policy.js';
import type { AccountRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** The session token of a request: a Bearer header (scripts) or the session cookie (browsers). */
export function sessionTokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  return bearer ?? (req.cookies?.[SESSION_COOKIE] as string | undefined);
}

/**
 * The signed-in account of a request, or UNAUTHENTICATED. The token's signature is not
 * enough: the session it names must be on record, not revoked and not expired, and the
 * account not disabled.
 */
export async function requireAccount(req: Request, store: Store, secret: KeyObject): Promise<AccountRecord> {
  const claims = verifyAccountSession(secret, sessionTokenOf(req));
  const session = await store.findAccountSession(claims.sessionId);
  if (!session || session.revokedAt !== null || session.accountId !== claims.accountId || Date.parse(session.expiresAt) <= Date.now()) {
    throw new AppError(ErrorCode.unauthenticated, 'Your sign-in has ended; please sign in again.');
  }
  const account = await store.findAccountById(claims.accountId);
  if (!account || account.disabledAt !== null) throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  return account;
}

/** The account as the policy sees it: its role and the place its reach starts from. */
export async function accountPrincipal(store: Store, account: AccountRecord): Promise<AccountPrincipal> {
  const base = { kind: 'account' as const, accountId: account.id, role: account.role, name: account.displayName };
  if (account.committeeId === null) {
    const region = await store.findRegion(account.regionId);
    if (!region) throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
    return { ...base, committeeId: null, regionPath: region.path };
  }
  const committee = await store.findCommittee(account.committeeId);
  if (!committee) throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  return { ...base, committeeId: committee.id, regionPath: committee.regionPath };
}

/** The signed-in account of a request and its principal. */
export async function requireAccountPrincipal(req: Request, store: Store, secret: KeyObject): Promise<[AccountRecord, AccountPrincipal]> {
  const account = await requireAccount(req, store, secret);
  return [account, await accountPrincipal(store, account)];
}
