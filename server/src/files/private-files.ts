import fs from 'node:fs';

/**
 * The data directory holds the database (signatures, identity checks, issued agreements),
 * the signing secret and the certificates' keys: only the service's own user may read
 * them. Modes are set explicitly, whatever the umask, and again on every start for
 * files that an older install left readable by others.
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) for this user only, or makes an existing one so. */
export function makePrivateDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  fs.chmodSync(dir, PRIVATE_DIRECTORY_MODE);
}

/** Creates an empty `file` for this user only, before anything writes to it, or makes an existing one so. */
export function makePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes `file` readable by this user only, if it exists. */
export function restrictIfExists(file: string): void {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
