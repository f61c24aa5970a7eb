import type { KeyObject } from 'node:crypto';
import { Router } from 'express';
import { ErrorCode, SignInRequest, type AccountInfo } from '@mediation/shared';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, signAccountSession } from '../../auth/account-session.js';
import { verifyPassword } from '../../auth/password.js';
import { SignInThrottle } from '../../auth/sign-in-throttle.js';
import { AppError } from '../../errors/app-error.js';
import type { AccountRecord } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { validate } from '../../errors/validate.js';
import { requireAccount } from '../require-account.js';

export function authRoutes(store: Store, secret: KeyObject): Router {
  const router = Router();

  const accountInfo = async (account: AccountRecord): Promise<AccountInfo> => ({
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    committeeId: account.committeeId,
    committeeName: (await store.findCommittee(account.committeeId))?.name ?? '',
  });

  const throttle = new SignInThrottle();

  router.post('/sign-in', async (req, res) => {
    const { email, password } = validate(SignInRequest, req.body, 'body');
    if (!throttle.allow([`email:${email}`, `address:${req.ip}`])) {
      throw new AppError(ErrorCode.rateLimited, 'Too many sign-in attempts; try again in a few minutes.');
    }
    const account = await store.findAccountByEmail(email);
    if (!account || !(await verifyPassword(password, account.passwordHash))) {
      throw new AppError(ErrorCode.invalidCredentials, 'Email or password is wrong.');
    }
    res.cookie(SESSION_COOKIE, signAccountSession(secret, account.id), {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      maxAge: SESSION_TTL_SECONDS * 1000,
      path: '/',
    });
    res.json(await accountInfo(account));
  });

  router.post('/sign-out', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
  });

  router.get('/me', async (req, res) => {
    res.json(await accountInfo(await requireAccount(req, store, secret)));
  });

  return router;
}
