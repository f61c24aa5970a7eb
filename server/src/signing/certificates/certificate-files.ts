import path from 'node:path';
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
