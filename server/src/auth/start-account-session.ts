import { randomBytes, type KeyObject } from 'node:crypto';
import type { AccountSessionStore } from '../store/account-session-store.js';
import { SESSION_TTL_SECONDS, signAccountSession } from './account-session.js';

/** Bytes of randomness in a session id: as hard to guess as the secret that signs it. */
const SESSION_ID_BYTES = 32;

/**
 * Records a new sign-in on the server and returns its token. The record is stored before
 * the token exists, so no token names a session the server does not know. Sessions that
 * expired are forgotten on the way, which keeps the table as small as the live ones.
 */
export async function startAccountSession(
  sessions: AccountSessionStore,
  secret: KeyObject,
  accountId: string,
  now = new Date(),
): Promise<string> {
  const id = randomBytes(SESSION_ID_BYTES).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await sessions.pruneExpiredAccountSessions(now.toISOString());
  await sessions.createAccountSession({
    id,
    accountId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    revokedAt: null,
  });
  return signAccountSession(secret, { accountId, sessionId: id }, expiresAt);
}
