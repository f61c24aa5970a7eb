import type pg from 'pg';
import type { KeptCommitteeP12, KeptRootCa, KeptSecrets, RenewableSecret } from '../kept-secrets.js';
import { KeptSecretCipher } from './kept-secret-cipher.js';
import { KeptSecretError } from './kept-secret-error.js';

/** The rows' names: each is also the associated data its value is sealed with. */
export const KEPT_SECRET_NAMES = {
  jwtSecret: 'jwt-secret',
  rootCa: 'root-ca',
  committeeCredentials: (committeeId: string) => `committee-credentials:${committeeId}`,
} as const;

/** How a kept value is written as bytes before it is sealed. */
interface Codec<T> {
  encode(value: T): Buffer;
  decode(bytes: Buffer): T;
}

const text: Codec<string> = {
  encode: (value) => Buffer.from(value, 'utf8'),
  decode: (bytes) => bytes.toString('utf8'),
};

const rootCa: Codec<KeptRootCa> = {
  encode: ({ keyPem, certificatePem }) => Buffer.from(JSON.stringify({ keyPem, certificatePem }), 'utf8'),
  decode: (bytes) => {
    const { keyPem, certificatePem } = JSON.parse(bytes.toString('utf8')) as KeptRootCa;
    return { keyPem, certificatePem };
  },
};

const committeeP12: Codec<KeptCommitteeP12> = {
  encode: ({ p12, passphrase }) => Buffer.from(JSON.stringify({ p12: p12.toString('base64'), passphrase }), 'utf8'),
  decode: (bytes) => {
    const { p12, passphrase } = JSON.parse(bytes.toString('utf8')) as { p12: string; passphrase: string };
    return { p12: Buffer.from(p12, 'base64'), passphrase };
  },
};

/**
 * The install's secrets in the `kept_secrets` table (VAULT_MIGRATIONS), shared by every node
 * on the database, each value sealed under SECRETS_KEY with its name as associated data.
 * Creating is INSERT … ON CONFLICT DO NOTHING and then reading what is there, so nodes that
 * create a secret at once all go on with the row that won; replacing is an UPDATE on the
 * sealed value that was read, so of two renewals only the first lands.
 */
export class PostgresKeptSecrets implements KeptSecrets {
  readonly jwtSecret: PostgresKeptSecret<string>;
  readonly rootCa: PostgresKeptSecret<KeptRootCa>;
  private readonly cipher: KeptSecretCipher;

  constructor(
    private readonly pool: pg.Pool,
    secretsKey: Uint8Array,
  ) {
    this.cipher = new KeptSecretCipher(secretsKey);
    this.jwtSecret = new PostgresKeptSecret(pool, this.cipher, KEPT_SECRET_NAMES.jwtSecret, text);
    this.rootCa = new PostgresKeptSecret(pool, this.cipher, KEPT_SECRET_NAMES.rootCa, rootCa);
  }

  committeeCredentials(committeeId: string): RenewableSecret<KeptCommitteeP12> {
    return new PostgresKeptSecret(this.pool, this.cipher, KEPT_SECRET_NAMES.committeeCredentials(committeeId), committeeP12);
  }
}

class PostgresKeptSecret<T> implements RenewableSecret<T> {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: KeptSecretCipher,
    private readonly name: string,
    private readonly codec: Codec<T>,
  ) {}

  async read(): Promise<T | null> {
    const sealed = await this.readSealed();
    return sealed && this.open(sealed);
  }

  async keepIfAbsent(value: T): Promise<T> {
    const inserted = await this.pool.query('INSERT INTO kept_secrets (name, ciphertext) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      this.name,
      this.cipher.seal(this.name, this.codec.encode(value)),
    ]);
    if (inserted.rowCount === 1) return value;
    // A statement of its own: under READ COMMITTED it sees the row that another node's
    // transaction committed while this INSERT waited on it.
    const kept = await this.read();
    if (kept === null) throw new KeptSecretError(`The kept secret ${JSON.stringify(this.name)} was removed while it was being created`);
    return kept;
  }

  async replace(replaced: T, value: T): Promise<T> {
    const sealed = await this.readSealed();
    if (!sealed) return this.keepIfAbsent(value);
    const kept = this.open(sealed);
    if (!this.codec.encode(kept).equals(this.codec.encode(replaced))) return kept;
    const updated = await this.pool.query('UPDATE kept_secrets SET ciphertext = $3, replaced_at = now() WHERE name = $1 AND ciphertext = $2', [
      this.name,
      sealed,
      this.cipher.seal(this.name, this.codec.encode(value)),
    ]);
    if (updated.rowCount === 1) return value;
    // Another node replaced it between the read and the update: theirs stands.
    return (await this.read()) ?? this.keepIfAbsent(value);
  }

  private async readSealed(): Promise<Buffer | null> {
    const result = await this.pool.query<{ ciphertext: Buffer }>('SELECT ciphertext FROM kept_secrets WHERE name = $1', [this.name]);
    return result.rows[0]?.ciphertext ?? null;
  }

  private open(sealed: Buffer): T {
    return this.codec.decode(this.cipher.open(this.name, sealed));
  }
}
