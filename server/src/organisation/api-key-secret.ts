import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, so a key is told from a join link or a session token at a glance (and by secret scanners). */
export const API_KEY_PREFIX = 'mrk_';
/** How many characters of a key are kept in clear, to tell keys apart in the list. */
export const API_KEY_SHOWN_CHARACTERS = API_KEY_PREFIX.length + 6;

/** A new key: 32 random bytes. It is shown once; only its hash is kept. */
export function newApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** The hash a key is kept and looked up by. A key has 256 bits of entropy, so no slow KDF is needed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function isApiKeyShaped(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX) && token.length < 100;
}
