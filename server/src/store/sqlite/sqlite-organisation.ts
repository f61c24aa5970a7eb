import type Database from 'better-sqlite3';
import type { OrganisationStore } from '../organisation-store.js';
import type { AccountAuditInput, AccountAuditRecord, AccountRecord, ApiKeyRecord, CommitteeRecord, RegionRecord } from '../records.js';

type Row = Record<string, unknown>;

export const toRegion = (r: Row): RegionRecord => ({
  id: r.id as string,
  parentId: (r.parent_id as string | null) ?? null,
  level: r.level as RegionRecord['level'],
  name: r.name as string,
  code: r.code as string,
  path: r.path as string,
  createdAt: r.created_at as string,
});

export const toCommittee = (r: Row): CommitteeRecord => ({
  id: r.id as string,
  name: r.name as string,
  kind: r.kind as CommitteeRecord['kind'],
  regionId: r.region_id as string,
  regionPath: r.region_path as string,
  createdAt: r.created_at as string,
});

export const toAccount = (r: Row): AccountRecord =>
  ({
    id: r.id as string,
    role: r.role as AccountRecord['role'],
    committeeId: (r.committee_id as string | null) ?? null,
    regionId: (r.region_id as string | null) ?? null,
    email: r.email as string,
    displayName: r.display_name as string,
    passwordHash: r.password_hash as string,
    createdAt: r.created_at as string,
    disabledAt: (r.disabled_at as string | null) ?? null,
  }) as AccountRecord;

const toApiKey = (r: Row): ApiKeyRecord => ({
  id: r.id as string,
  name: r.name as string,
  regionId: r.region_id as string,
  regionPath: r.region_path as string,
  keyHash: r.key_hash as string,
  keyPrefix: r.key_prefix as string,
  createdBy: r.created_by as string,
  createdAt: r.created_at as string,
  revokedAt: (r.revoked_at as string | null) ?? null,
  lastUsedAt: (r.last_used_at as string | null) ?? null,
});

const toAuditEntry = (r: Row): AccountAuditRecord => ({
  sequence: r.sequence as number,
  at: r.at as string,
  type: r.type as string,
  actorId: r.actor_id as string,
  actorName: r.actor_name as string,
  ip: r.ip as string,
  device: r.device as string,
  regionPath: r.region_path as string,
  committeeId: (r.committee_id as string | null) ?? null,
  data: JSON.parse(r.data as string) as Record<string, unknown>,
});

/** The first string after every string that starts with `prefix`: `[prefix, end)` is the subtree. */
export function pathRangeEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export function accountParams(account: AccountRecord) {
  return { ...account, disabledAt: account.disabledAt ?? null };
}

/** The organisation in SQLite: each method one transaction, with the audit entry it records. */
export function sqliteOrganisation(db: Database.Database): OrganisationStore {
  const s = {
    insertRegion: db.prepare(
      `INSERT INTO regions (id, parent_id, level, name, code, path, created_at)
       VALUES (@id, @parentId, @level, @name, @code, @path, @createdAt)`,
    ),
    region: db.prepare('SELECT * FROM regions WHERE id = ?'),
    regionsUnder: db.prepare('SELECT * FROM regions WHERE path >= ? AND path < ? ORDER BY path'),
    insertCommittee: db.prepare(
      `INSERT INTO committees (id, name, kind, region_id, region_path, created_at)
       VALUES (@id, @name, @kind, @regionId, @regionPath, @createdAt)`,
    ),
    committee: db.prepare('SELECT * FROM committees WHERE id = ?'),
    committeesUnder: db.prepare('SELECT * FROM committees WHERE region_path >= ? AND region_path < ? ORDER BY name, id'),
    insertAccount: db.prepare(
      `INSERT INTO accounts (id, role, committee_id, region_id, email, display_name, password_hash, created_at, disabled_at)
       VALUES (@id, @role, @committeeId, @regionId, @email, @displayName, @passwordHash, @createdAt, @disabledAt)`,
    ),
    accountByEmail: db.prepare('SELECT * FROM accounts WHERE email = ?'),
    accountById: db.prepare('SELECT * FROM accounts WHERE id = ?'),
    accountsUnder: db.prepare(
      `SELECT accounts.* FROM accounts
       LEFT JOIN regions ON regions.id = accounts.region_id
       LEFT JOIN committees ON committees.id = accounts.committee_id
       WHERE (regions.path >= @from AND regions.path < @to) OR (committees.region_path >= @from AND committees.region_path < @to)
       ORDER BY accounts.email`,
    ),
    disable: db.prepare('UPDATE accounts SET disabled_at = @at WHERE id = @id AND disabled_at IS NOT @at'),
    endSessions: db.prepare('UPDATE account_sessions SET revoked_at = @at WHERE account_id = @id AND revoked_at IS NULL'),
    insertApiKey: db.prepare(
      `INSERT INTO api_keys (id, name, region_id, region_path, key_hash, key_prefix, created_by, created_at, revoked_at, last_used_at)
       VALUES (@id, @name, @regionId, @regionPath, @keyHash, @keyPrefix, @createdBy, @createdAt, @revokedAt, @lastUsedAt)`,
    ),
    apiKeyByHash: db.prepare('SELECT * FROM api_keys WHERE key_hash = ?'),
    apiKeysUnder: db.prepare('SELECT * FROM api_keys WHERE region_path >= ? AND region_path < ? ORDER BY created_at DESC'),
    revokeApiKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    touchApiKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    insertAudit: db.prepare(
      `INSERT INTO account_audit (at, type, actor_id, actor_name, ip, device, region_path, committee_id, data)
       VALUES (@at, @type, @actorId, @actorName, @ip, @device, @regionPath, @committeeId, @data)`,
    ),
  };
  const audit = (entry: AccountAuditInput) => s.insertAudit.run({ ...entry, data: JSON.stringify(entry.data) });
  const withAudit = <A extends unknown[], R>(write: (...args: A) => R) =>
    db.transaction((entry: AccountAuditInput, ...args: A): R => {
      const result = write(...args);
      audit(entry);
      return result;
    });

  const createRegion = withAudit((region: RegionRecord) => s.insertRegion.run(region));
  const createCommittee = withAudit((committee: CommitteeRecord) => s.insertCommittee.run(committee));
  const createAccount = withAudit((account: AccountRecord) => s.insertAccount.run(accountParams(account)));
  const createApiKey = withAudit((key: ApiKeyRecord) => s.insertApiKey.run(key));
  const setDisabled = db.transaction((entry: AccountAuditInput, id: string, at: string | null) => {
    const changed = s.disable.run({ id, at }).changes === 1;
    if (changed && at !== null) s.endSessions.run({ id, at });
    if (changed) audit(entry);
    return changed;
  });
  const revokeApiKey = db.transaction((entry: AccountAuditInput, id: string, at: string) => {
    const changed = s.revokeApiKey.run(at, id).changes === 1;
    if (changed) audit(entry);
    return changed;
  });

  const optional = <T>(row: unknown, map: (r: Row) => T): T | undefined => (row === undefined ? undefined : map(row as Row));

  return {
    createRegion: async (region, entry) => void createRegion(entry, region),
    findRegion: async (id) => optional(s.region.get(id), toRegion),
    listRegionsUnder: async (path) => (s.regionsUnder.all(path, pathRangeEnd(path)) as Row[]).map(toRegion),
    createCommittee: async (committee, entry) => void createCommittee(entry, committee),
    findCommittee: async (id) => optional(s.committee.get(id), toCommittee),
    listCommitteesUnder: async (path) => (s.committeesUnder.all(path, pathRangeEnd(path)) as Row[]).map(toCommittee),
    createAccount: async (account, entry) => void createAccount(entry, account),
    findAccountByEmail: async (email) => optional(s.accountByEmail.get(email), toAccount),
    findAccountById: async (id) => optional(s.accountById.get(id), toAccount),
    listAccountsUnder: async (path) => (s.accountsUnder.all({ from: path, to: pathRangeEnd(path) }) as Row[]).map(toAccount),
    setAccountDisabled: async (id, at, entry) => setDisabled(entry, id, at),
    createApiKey: async (key, entry) => void createApiKey(entry, key),
    findApiKeyByHash: async (keyHash) => optional(s.apiKeyByHash.get(keyHash), toApiKey),
    listApiKeysUnder: async (path) => (s.apiKeysUnder.all(path, pathRangeEnd(path)) as Row[]).map(toApiKey),
    revokeApiKey: async (id, at, entry) => revokeApiKey(entry, id, at),
    touchApiKey: async (id, at) => void s.touchApiKey.run(at, id),
    appendAccountAudit: async (entry) => void audit(entry),
    listAccountAudit: async ({ regionPath, committeeId, beforeSequence, limit }) => {
      const conditions: string[] = [];
      const params: Record<string, unknown> = { limit };
      if (regionPath !== undefined) {
        conditions.push('region_path >= @from AND region_path < @to');
        Object.assign(params, { from: regionPath, to: pathRangeEnd(regionPath) });
      }
      if (committeeId !== undefined) {
        conditions.push('committee_id = @committeeId');
        params.committeeId = committeeId;
      }
      if (beforeSequence !== undefined) {
        conditions.push('sequence < @before');
        params.before = beforeSequence;
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      return (db.prepare(`SELECT * FROM account_audit ${where} ORDER BY sequence DESC LIMIT @limit`).all(params) as Row[]).map(toAuditEntry);
    },
  };
}
