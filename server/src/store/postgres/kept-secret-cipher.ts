import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { KeptSecretError } from './kept-secret-error.js';

/** SECRETS_KEY's length: AES-256. */
export const SECRETS_KEY_BYTES = 32;
const FORMAT_VERSION = 1;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
const SEALED_MIN_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;

/**
 * Seals a secret for its row with AES-256-GCM under SECRETS_KEY:
 * version (1 byte) · key id (8) · IV (12) · tag (16) · ciphertext.
 * The associated data is the header and the secret's name, so a row copied under another
 * name fails to open rather than handing one committee another's key. The key id (an HMAC
 * of a fixed label under the key, which tells nothing of the key) lets a wrong SECRETS_KEY
 * be named as such instead of reported as tampering.
 */
export class KeptSecretCipher {
  private readonly keyId: Buffer;

  constructor(private readonly key: Uint8Array) {
    if (key.length !== SECRETS_KEY_BYTES) throw new KeptSecretError(`SECRETS_KEY must be ${SECRETS_KEY_BYTES} bytes, not ${key.length}`);
    this.keyId = createHmac('sha256', key).update('kept-secrets key id').digest().subarray(0, KEY_ID_BYTES);
  }

  seal(name: string, plaintext: Buffer): Buffer {
    const header = Buffer.concat([Buffer.of(FORMAT_VERSION), this.keyId]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(header, name));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
  }

  open(name: string, sealed: Buffer): Buffer {
    if (sealed.length < SEALED_MIN_BYTES || sealed[0] !== FORMAT_VERSION) {
      throw new KeptSecretError(`The kept secret ${JSON.stringify(name)} is not in a form this service can read`);
    }
    const header = sealed.subarray(0, HEADER_BYTES);
    if (!timingSafeEqual(header.subarray(1), this.keyId)) {
      throw new KeptSecretError(`The kept secret ${JSON.stringify(name)} was encrypted under another SECRETS_KEY than the one configured`);
    }
    const iv = sealed.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const tag = sealed.subarray(HEADER_BYTES + IV_BYTES, SEALED_MIN_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(header, name));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(SEALED_MIN_BYTES)), decipher.final()]);
    } catch {
      throw new KeptSecretError(`The kept secret ${JSON.stringify(name)} fails its integrity check: it was altered, or moved from another name`);
    }
  }
}

function associatedData(header: Buffer, name: string): Buffer {
  return Buffer.concat([header, Buffer.from(name, 'utf8')]);
}
