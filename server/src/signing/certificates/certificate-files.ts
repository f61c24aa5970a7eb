import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from '../../files/private-files.js';
import { CertificateError } from './certificate-error.js';

/** Where an install keeps its root CA and its committees' signing credentials. */
export function certificateFiles(dataDir: string) {
  const dir = path.join(dataDir, 'certificates');
  return {
    dir,
    rootKey: path.join(dir, 'root-ca.key.pem'),
    rootCertificate: path.join(dir, 'root-ca.crt.pem'),
    committeeP12: (committeeId: string) => path.join(dir, `committee-${safeId(committeeId)}.p12`),
    committeePassphrase: (committeeId: string) => path.join(dir, `committee-${safeId(committeeId)}.p12.passphrase`),
  };
}

/** A committee id becomes part of a file name: nothing that could leave the folder. */
function safeId(committeeId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(committeeId)) {
    throw new CertificateError(`Committee id ${JSON.stringify(committeeId)} cannot name a certificate file`);
  }
  return committeeId;
}

/**
 * Makes the certificates folder and every file in it readable by this user only: an
 * older install wrote the root certificate for everyone and left the folder open.
 */
export async function restrictCertificateFiles(dataDir: string): Promise<void> {
  const { dir } = certificateFiles(dataDir);
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await fs.chmod(dir, PRIVATE_DIRECTORY_MODE);
  await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => fs.chmod(path.join(dir, entry.name), PRIVATE_FILE_MODE)));
}
