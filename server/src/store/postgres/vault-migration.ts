/**
 * The table of the secrets every node shares (see `postgres-kept-secrets.ts`): one row per
 * secret, its value sealed with AES-256-GCM under SECRETS_KEY (`kept-secret-cipher.ts`),
 * so that the database and its backups hold no key in the clear. A row is written once
 * (INSERT … ON CONFLICT DO NOTHING) and replaced only by a compare-and-set on its sealed value.
 *
 * These texts are shipped migrations once released: change them only by adding another.
 */
export const VAULT_MIGRATIONS: string[] = [
  `CREATE TABLE kept_secrets (
    name text PRIMARY KEY,
    ciphertext bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    replaced_at timestamptz
  )`,
];
