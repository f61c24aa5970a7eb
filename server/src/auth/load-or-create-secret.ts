import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDirectory, PRIVATE_FILE_MODE, restrictIfExists } from '../files/private-files.js';

export const SECRET_FILE = 'jwt-secret';

/**
 * The HS256 secret: the configured one, or one generated on first start and kept in
 * the data directory, so join links stay valid across restarts. It is returned as a
 * KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM
 * key on every call, which costs more than the HMAC itself.
 */
export function loadOrCreateSecret(dataDir: string, configured: string | undefined): KeyObject {
  if (configured) return createSecretKey(Buffer.from(configured));
  const file = path.join(dataDir, SECRET_FILE);
  makePrivateDirectory(dataDir);
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    restrictIfExists(file);
  }
  return createSecretKey(Buffer.from(fs.readFileSync(file, 'utf8').trim()));
}
