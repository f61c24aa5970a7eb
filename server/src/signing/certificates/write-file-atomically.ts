import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';

/**
 * Writes through a temporary file and a rename, so a crash leaves either the old file or
 * the whole new one: a half-written key or certificate would stop every later signature.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temporary, data, { mode, flag: 'wx' });
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
