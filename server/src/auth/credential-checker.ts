import { randomBytes } from 'node:crypto';
import type { AccountRecord } from '../store/records.js';
import { hashPassword, verifyPassword } from './password.js';

/** Checks an email and password; the account when both are right, else undefined. */
export type CredentialChecker = (account: AccountRecord | undefined, password: string) => Promise<AccountRecord | undefined>;

/**
 * A checker that takes as long for an email without an account as for a wrong password:
 * without an account it verifies the password against a hash of a random one, made with
 * the same scrypt parameters, so the answer's time does not tell whether the email is
 * registered. The hash is made once, here, before the first attempt needs it.
 */
export function credentialChecker(): CredentialChecker {
  const dummyHash = hashPassword(randomBytes(32).toString('base64url'));
  // A failure reaches the first attempt that awaits the hash; until then it must not end the process.
  dummyHash.catch(() => undefined);
  return async (account, password) => {
    if (!account) {
      await verifyPassword(password, await dummyHash);
      return undefined;
    }
    return (await verifyPassword(password, account.passwordHash)) ? account : undefined;
  };
}
