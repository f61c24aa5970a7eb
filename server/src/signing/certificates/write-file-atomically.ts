import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from '../../files/private-files.js';

/**
 * Writes through a temporary file and a rename, so a crash leaves either the old file or
 * the whole new one: a half-written key or certificate would stop every later signature.
 * The file and its folder are readable by this user only: they hold signing keys and the
 * passphrases of their PKCS#12 files.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const folder = path.dirname(file);
  await fs.mkdir(folder, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await fs.chmod(folder, PRIVATE_DIRECTORY_MODE);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temporary, data, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
