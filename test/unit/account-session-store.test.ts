import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSessionRecord, AccountSessionStore } from '../../server/src/store/account-session-store.js';
import { storeWithCase } from '../support/store-with-case.js';

/**
 * The guarantees written on AccountSessionStore, as a suite every backend runs. `open`
 * gives a store holding account 'a1'; `close` releases it.
 */
function accountSessionStoreContract(name: string, open: () => Promise<{ sessions: AccountSessionStore; close: () => Promise<void> }>) {
  describe(`${name} sign-in sessions`, () => {
    let sessions: AccountSessionStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ sessions, close } = await open());
    });
    afterEach(() => close());

    const session = (id: string, expiresAt = '2026-12-01T12:00:00.000Z'): AccountSessionRecord => ({
      id,
      accountId: 'a1',
      createdAt: '2026-12-01T00:00:00.000Z',
      expiresAt,
      revokedAt: null,
    });

    it('a session created is found as it was stored', async () => {
      await sessions.createAccountSession(session('s1'));
      expect(await sessions.findAccountSession('s1')).toEqual(session('s1'));
      expect(await sessions.findAccountSession('s2')).toBeUndefined();
    });

    it('a revoked session is found revoked, and revoking it again changes nothing', async () => {
      await sessions.createAccountSession(session('s1'));
      expect(await sessions.revokeAccountSession('s1', '2026-12-01T01:00:00.000Z')).toBe(true);
      expect(await sessions.revokeAccountSession('s1', '2026-12-01T02:00:00.000Z')).toBe(false);
      expect((await sessions.findAccountSession('s1'))?.revokedAt).toBe('2026-12-01T01:00:00.000Z');
      expect(await sessions.revokeAccountSession('unknown', '2026-12-01T02:00:00.000Z')).toBe(false);
    });

    it('creating a session under an id already kept fails and leaves the first one as it was', async () => {
      await sessions.createAccountSession(session('s1'));
      await sessions.revokeAccountSession('s1', '2026-12-01T01:00:00.000Z');
      await expect(sessions.createAccountSession(session('s1'))).rejects.toThrow();
      expect((await sessions.findAccountSession('s1'))?.revokedAt).toBe('2026-12-01T01:00:00.000Z');
    });

    it('pruning forgets only the sessions that expired before the time given', async () => {
      await sessions.createAccountSession(session('old', '2026-12-01T06:00:00.000Z'));
      await sessions.createAccountSession(session('live', '2026-12-01T18:00:00.000Z'));
      expect(await sessions.pruneExpiredAccountSessions('2026-12-01T12:00:00.000Z')).toBe(1);
      expect(await sessions.findAccountSession('old')).toBeUndefined();
      expect(await sessions.findAccountSession('live')).toBeDefined();
    });
  });
}

accountSessionStoreContract('SQLite', async () => {
  const { store, remove } = await storeWithCase();
  return {
    sessions: store,
    close: async () => {
      await store.close();
      remove();
    },
  };
});
