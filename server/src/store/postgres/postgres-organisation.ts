import type pg from 'pg';
import type { OrganisationStore } from '../organisation-store.js';
import type { AccountAuditInput, AccountAuditRecord, AccountRecord, ApiKeyRecord, CommitteeRecord } from '../records.js';
import { accountParams, pathRangeEnd, toAccount, toCommittee, toRegion } from '../sqlite/sqlite-organisation.js';
import { withTransaction } from './with-transaction.js';

type Row = Record<string, unknown>;

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
  // bigint: node-postgres reads it as text; the log will not reach 2^53 entries.
  sequence: Number(r.sequence),
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

const first = <T>(rows: Row[], map: (r: Row) => T): T | undefined => (rows[0] === undefined ? undefined : map(rows[0]));

export async function insertCommittee(db: pg.ClientBase | pg.Pool, committee: CommitteeRecord): Promise<void> {
  await db.query(
    `INSERT INTO committees (id, name, kind, region_id, region_path, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [committee.id, committee.name, committee.kind, committee.regionId, committee.regionPath, committee.createdAt],
  );
}

export async function insertAccount(db: pg.ClientBase | pg.Pool, account: AccountRecord): Promise<void> {
  const a = accountParams(account);
  await db.query(
    `INSERT INTO accounts (id, role, committee_id, region_id, email, display_name, password_hash, created_at, disabled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [a.id, a.role, a.committeeId, a.regionId, a.email, a.displayName, a.passwordHash, a.createdAt, a.disabledAt],
  );
}

async function insertAccountAudit(db: pg.ClientBase | pg.Pool, entry: AccountAuditInput): Promise<void> {
  await db.query(
    `INSERT INTO account_audit (at, type, actor_id, actor_name, ip, device, region_path, committee_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.at, entry.type, entry.actorId, entry.actorName, entry.ip, entry.device, entry.regionPath, entry.committeeId, JSON.stringify(entry.data)],
  );
}

/** The organisation in PostgreSQL: each method one transaction, with the audit entry it records. */
export function postgresOrganisation(pool: pg.Pool): OrganisationStore {
  /** Runs a write and its account audit entry in one transaction; the entry only when the write says so. */
  const withAudit = <R>(entry: AccountAuditInput, write: (client: pg.ClientBase) => Promise<R>, audited: (result: R) => boolean = () => true) =>
    withTransaction(pool, async (client) => {
      const result = await write(client);
      if (audited(result)) await insertAccountAudit(client, entry);
      return result;
    });
  const rows = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[];

  return {
    createRegion: (region, entry) =>
      withAudit(entry, async (client) => {
        await client.query(
          `INSERT INTO regions (id, parent_id, level, name, code, path, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [region.id, region.parentId, region.level, region.name, region.code, region.path, region.createdAt],
        );
      }),
    findRegion: async (id) => first(await rows('SELECT * FROM regions WHERE id = $1', [id]), toRegion),
    listRegionsUnder: async (path) =>
      (await rows('SELECT * FROM regions WHERE path >= $1 AND path < $2 ORDER BY path', [path, pathRangeEnd(path)])).map(toRegion),
    createCommittee: (committee, entry) => withAudit(entry, (client) => insertCommittee(client, committee)),
    findCommittee: async (id) => first(await rows('SELECT * FROM committees WHERE id = $1', [id]), toCommittee),
    listCommitteesUnder: async (path) =>
      (await rows('SELECT * FROM committees WHERE region_path >= $1 AND region_path < $2 ORDER BY name, id', [path, pathRangeEnd(path)])).map(
        toCommittee,
      ),
    createAccount: (account, entry) => withAudit(entry, (client) => insertAccount(client, account)),
    findAccountByEmail: async (email) => first(await rows('SELECT * FROM accounts WHERE email = $1', [email]), toAccount),
    findAccountById: async (id) => first(await rows('SELECT * FROM accounts WHERE id = $1', [id]), toAccount),
    listAccountsUnder: async (path) =>
      (
        await rows(
          `SELECT accounts.* FROM accounts
           LEFT JOIN regions ON regions.id = accounts.region_id
           LEFT JOIN committees ON committees.id = accounts.committee_id
           WHERE (regions.path >= $1 AND regions.path < $2) OR (committees.region_path >= $1 AND committees.region_path < $2)
           ORDER BY accounts.email`,
          [path, pathRangeEnd(path)],
        )
      ).map(toAccount),
    setAccountDisabled: (id, at, entry) =>
      withAudit(
        entry,
        async (client) => {
          const changed = (await client.query('UPDATE accounts SET disabled_at = $2 WHERE id = $1 AND disabled_at IS DISTINCT FROM $2::text', [id, at]))
            .rowCount === 1;
          if (changed && at !== null) {
            await client.query('UPDATE account_sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL', [id, at]);
          }
          return changed;
        },
        (changed) => changed,
      ),
    createApiKey: (key, entry) =>
      withAudit(entry, async (client) => {
        await client.query(
          `INSERT INTO api_keys (id, name, region_id, region_path, key_hash, key_prefix, created_by, created_at, revoked_at, last_used_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [key.id, key.name, key.regionId, key.regionPath, key.keyHash, key.keyPrefix, key.createdBy, key.createdAt, key.revokedAt, key.lastUsedAt],
        );
      }),
    findApiKeyByHash: async (keyHash) => first(await rows('SELECT * FROM api_keys WHERE key_hash = $1', [keyHash]), toApiKey),
    listApiKeysUnder: async (path) =>
      (await rows('SELECT * FROM api_keys WHERE region_path >= $1 AND region_path < $2 ORDER BY created_at DESC', [path, pathRangeEnd(path)])).map(
        toApiKey,
      ),
    revokeApiKey: (id, at, entry) =>
      withAudit(
        entry,
        async (client) => (await client.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at])).rowCount === 1,
        (changed) => changed,
      ),
    touchApiKey: async (id, at) => {
      await pool.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
    },
    appendAccountAudit: (entry) => insertAccountAudit(pool, entry),
    listAccountAudit: async ({ regionPath, committeeId, beforeSequence, limit }) => {
      const conditions: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      if (regionPath !== undefined) conditions.push(`region_path >= ${param(regionPath)} AND region_path < ${param(pathRangeEnd(regionPath))}`);
      if (committeeId !== undefined) conditions.push(`committee_id = ${param(committeeId)}`);
      if (beforeSequence !== undefined) conditions.push(`sequence < ${param(beforeSequence)}`);
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      return (await rows(`SELECT * FROM account_audit ${where} ORDER BY sequence DESC LIMIT ${param(limit)}`, params)).map(toAuditEntry);
    },
  };
}
