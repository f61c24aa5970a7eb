import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { KeptSecrets } from '../store/kept-secrets.js';

/** Bytes of randomness in a generated secret (kept as base64url text). */
const GENERATED_SECRET_BYTES = 48;

/**
 * The HS256 secret: the configured one, or one generated on first start and kept (in the
 * data directory, or in the database for every node), so join links stay valid across
 * restarts and on every node. It is returned as a KeyObject: given a string, jsonwebtoken
 * first tries (and fails) to parse it as a PEM key on every call, which costs more than
 * the HMAC itself.
 */
export async function loadOrCreateSecret(secrets: KeptSecrets, configured: string | undefined): Promise<KeyObject> {
  if (configured) return createSecretKey(Buffer.from(configured));
  // Offered every time: the one kept first wins, on this node or another.
  const kept = await secrets.jwtSecret.keepIfAbsent(randomBytes(GENERATED_SECRET_BYTES).toString('base64url'));
  return createSecretKey(Buffer.from(kept));
}
