/** The server's record of one sign-in: the session cookie's token names it by id (its `jti`). */
export interface AccountSessionRecord {
  /** Random, unguessable; the token's `jti`. */
  id: string;
  accountId: string;
  createdAt: string;
  /** The same instant as the token's `exp`. */
  expiresAt: string;
  /** Set by sign-out; a revoked session never becomes live again. */
  revokedAt: string | null;
}

/**
 * Sign-in sessions kept on the server, so that signing out ends a session everywhere: a
 * copied cookie is refused once its session is revoked, although its signature still
 * verifies. Every backend guarantees:
 * - a session created is found by every later request, on every server sharing the store;
 * - revocation is final and immediate: once `revokeAccountSession` has resolved, every
 *   later find returns the session with `revokedAt` set, and nothing clears it;
 * - ids are unique: creating a session with an id already kept fails and changes nothing;
 * - pruning removes only sessions whose expiry has passed, which no check accepts anyway.
 */
export interface AccountSessionStore {
  createAccountSession(session: AccountSessionRecord): Promise<void>;
  findAccountSession(id: string): Promise<AccountSessionRecord | undefined>;
  /** Revokes a live session; false if it is unknown or was revoked already. */
  revokeAccountSession(id: string, at: string): Promise<boolean>;
  /** Forgets the sessions that expired before `now`; returns how many. */
  pruneExpiredAccountSessions(now: string): Promise<number>;
}
