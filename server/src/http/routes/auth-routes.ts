import type { KeyObject } from 'node:crypto';
import type { CookieOptions, Request } from 'express';
import { AccountAuditType, ErrorCode, type AccountInfo, type authRoutes } from '@mediation/shared';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, verifyAccountSession } from '../../auth/account-session.js';
import { credentialChecker } from '../../auth/credential-checker.js';
import { recordAccountEvent } from '../../auth/record-account-event.js';
import {
  KNOWN_DEVICE_COOKIE,
  KNOWN_DEVICE_COOKIE_PATH,
  KNOWN_DEVICE_TTL_SECONDS,
  newDeviceId,
  readKnownDevice,
  signKnownDevice,
} from '../../auth/known-device.js';
import { SignInThrottle } from '../../auth/sign-in-throttle.js';
import { sourceAddress } from '../../auth/source-address.js';
import { startAccountSession } from '../../auth/start-account-session.js';
import { AppError } from '../../errors/app-error.js';
import type { AccountRecord } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import type { RouteHandlers } from '../mount-api-routes.js';
import { sessionTokenOf } from '../require-account.js';

/** Signing in and out (the table `authRoutes`). */
export function authRouteHandlers(store: Store, secret: KeyObject): RouteHandlers<typeof authRoutes> {
  const accountInfo = async (account: AccountRecord): Promise<AccountInfo> => {
    const committee = account.committeeId === null ? undefined : await store.findCommittee(account.committeeId);
    const regionId = committee?.regionId ?? account.regionId ?? '';
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      committeeId: account.committeeId,
      committeeName: committee?.name ?? null,
      regionId,
      regionName: (await store.findRegion(regionId))?.name ?? '',
    };
  };

  const throttle = new SignInThrottle();
  const checkCredentials = credentialChecker();

  return {
    // An unknown email and a wrong password get the same answer, in the same time, and
    // spend attempts the same way: nothing here tells whether an account exists.
    async signIn({ body: { email, password }, req, res }) {
      const found = await store.findAccountByEmail(email);
      const device = readKnownDevice(secret, req.cookies?.[KNOWN_DEVICE_COOKIE] as string | undefined);
      const knownDevice = device && found && device.accountId === found.id ? device : undefined;
      const allowed = throttle.allow(
        knownDevice
          ? { kind: 'known-device', deviceId: knownDevice.deviceId }
          : { kind: 'unknown-device', email, sourceAddress: sourceAddress(req.ip) },
      );
      // Refused attempts are not logged: the log grows no faster than the throttle lets attempts through.
      if (!allowed) throw new AppError(ErrorCode.rateLimited, 'Too many sign-in attempts; try again in a few minutes.');
      const account = await checkCredentials(found, password);
      if (!account) {
        // An attempt on an account is its administrators' business; one on no account is nobody's.
        // The write (WAL, no sync on commit) takes far less than the scrypt check varies by.
        if (found) await recordAccountEvent(store, req, found, AccountAuditType.signInFailed, { reason: 'wrong-password' });
        throw new AppError(ErrorCode.invalidCredentials, 'Email or password is wrong.');
      }
      // Told only to someone who knows the password: the account exists and is switched off.
      if (account.disabledAt !== null) {
        await recordAccountEvent(store, req, account, AccountAuditType.signInFailed, { reason: 'account-disabled' });
        throw new AppError(ErrorCode.accountDisabled, 'This account has been disabled; ask an administrator to enable it.');
      }

      const token = await startAccountSession(store, secret, account.id);
      res.cookie(SESSION_COOKIE, token, cookieOptions(req, SESSION_TTL_SECONDS, '/'));
      // A device keeps its id across sign-ins, so its attempts keep being counted together.
      const deviceId = knownDevice?.deviceId ?? newDeviceId();
      res.cookie(
        KNOWN_DEVICE_COOKIE,
        signKnownDevice(secret, { accountId: account.id, deviceId }),
        cookieOptions(req, KNOWN_DEVICE_TTL_SECONDS, KNOWN_DEVICE_COOKIE_PATH),
      );
      await recordAccountEvent(store, req, account, AccountAuditType.signedIn);
      return accountInfo(account);
    },

    // Ends the session on the server, so the token stops working wherever a copy of it is.
    async signOut({ req, res }) {
      const token = sessionTokenOf(req);
      if (token) {
        try {
          const { sessionId, accountId } = verifyAccountSession(secret, token, { ignoreExpiration: true });
          const ended = await store.revokeAccountSession(sessionId, new Date().toISOString());
          const account = ended ? await store.findAccountById(accountId) : undefined;
          if (account) await recordAccountEvent(store, req, account, AccountAuditType.signedOut);
        } catch (error) {
          // A token that does not verify names no session of ours: there is nothing to end.
          if (!(error instanceof AppError)) throw error;
        }
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },

    async currentAccount({ account }) {
      return accountInfo(account);
    },
  };
}

function cookieOptions(req: Request, maxAgeSeconds: number, path: string): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: maxAgeSeconds * 1000, path };
}
