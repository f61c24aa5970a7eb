/**
 * The secrets every node of an install must share: the HS256 secret of join links and
 * sign-in sessions, the install's root CA, and each committee's signing key and certificate.
 * Two implementations: files in the data directory (the embedded default, one node) and a
 * table in PostgreSQL encrypted under SECRETS_KEY (several nodes); `open-kept-secrets.ts`
 * picks one from the configuration.
 *
 * What callers rely on, whichever implementation:
 * - `keepIfAbsent` keeps a value only where none is kept, and answers with the one kept:
 *   of two nodes that make a secret at once, both go on with the same one (the first
 *   written), and the other's is never seen again.
 * - `replace` is a compare-and-set: it keeps the new value only if the one it replaces is
 *   still there, and otherwise answers with what another node put there first.
 * - A value reads back exactly as kept, or reading fails: never a damaged or foreign value.
 */
export interface KeptSecrets {
  /** The HS256 secret, as text (its UTF-8 bytes are the key). */
  readonly jwtSecret: KeptSecret<string>;
  readonly rootCa: KeptSecret<KeptRootCa>;
  /** Throws (or rejects) for a committee id the implementation cannot keep a secret under. */
  committeeCredentials(committeeId: string): RenewableSecret<KeptCommitteeP12>;
}

/** A secret made once and then kept. */
export interface KeptSecret<T> {
  /** The kept value, or null when none is kept yet. */
  read(): Promise<T | null>;
  /** Keeps `value` unless a value is kept already; answers with the value kept now. */
  keepIfAbsent(value: T): Promise<T>;
}

/** A secret that is replaced now and then: a certificate near its end, or issued by a root since replaced. */
export interface RenewableSecret<T> extends KeptSecret<T> {
  /** Keeps `value` in place of `replaced` if `replaced` is still kept; answers with the value kept now. */
  replace(replaced: T, value: T): Promise<T>;
}

/** The install's own root CA, which issues every committee's certificate. */
export interface KeptRootCa {
  keyPem: string;
  certificatePem: string;
}

/** A committee's signing key and certificate chain, as a PKCS#12 and its passphrase. */
export interface KeptCommitteeP12 {
  p12: Buffer;
  passphrase: string;
}
