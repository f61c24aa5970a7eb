import type { KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { ErrorCode } from '@mediation/shared';
import { SESSION_COOKIE, verifyAccountSession } from '../auth/account-session.js';
import { AppError } from '../errors/app-error.js';
import type { AccountRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** The signed-in committee account of a request, or UNAUTHENTICATED. */
export async function requireAccount(req: Request, store: Store, secret: KeyObject): Promise<AccountRecord> {
  const header = req.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const accountId = verifyAccountSession(secret, bearer ?? (req.cookies?.[SESSION_COOKIE] as string | undefined));
  const account = await store.findAccountById(accountId);
  if (!account) throw new AppError(ErrorCode.unauthenticated, 'Please sign in.');
  return account;
}
