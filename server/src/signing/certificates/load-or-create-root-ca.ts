import forge from 'node-forge';
import { certificateFiles } from './certificate-files.js';
import { CERTIFICATE_ORGANIZATION, randomSerialNumber, yearsAfter } from './certificate-fields.js';
import { generateRsaKeyPair } from './generate-rsa-key-pair.js';
import { onceAtATime } from './once-at-a-time.js';
import { readIfExists } from './read-if-exists.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface RootCa {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
}

export const ROOT_CA_YEARS = 20;

const running = new Map<string, Promise<RootCa>>();

/**
 * The install's own root CA, which issues every committee's certificate: read from the
 * data directory, or made on first use and kept there (the key readable by this user only).
 */
export function loadOrCreateRootCa(dataDir: string): Promise<RootCa> {
  const files = certificateFiles(dataDir);
  return onceAtATime(running, files.dir, async () => (await readRootCa(files)) ?? createRootCa(files));
}

async function readRootCa(files: ReturnType<typeof certificateFiles>): Promise<RootCa | null> {
  const [keyPem, certificatePem] = await Promise.all([readIfExists(files.rootKey), readIfExists(files.rootCertificate)]);
  // The key is written first: a key without a certificate is a creation cut short, made again.
  if (keyPem === null || certificatePem === null) return null;
  return {
    key: forge.pki.privateKeyFromPem(keyPem.toString('utf8')) as forge.pki.rsa.PrivateKey,
    certificate: forge.pki.certificateFromPem(certificatePem.toString('utf8')),
  };
}

async function createRootCa(files: ReturnType<typeof certificateFiles>): Promise<RootCa> {
  const keys = await generateRsaKeyPair(3072);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = randomSerialNumber();
  certificate.validity.notBefore = new Date();
  certificate.validity.notAfter = yearsAfter(certificate.validity.notBefore, ROOT_CA_YEARS);
  const name = [
    { name: 'commonName', value: `People's Mediation Root CA ${certificate.serialNumber.slice(0, 8).toUpperCase()}` },
    { name: 'organizationName', value: CERTIFICATE_ORGANIZATION },
    { name: 'countryName', value: 'CN' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());

  await writeFileAtomically(files.rootKey, forge.pki.privateKeyToPem(keys.privateKey));
  await writeFileAtomically(files.rootCertificate, forge.pki.certificateToPem(certificate));
  return { key: keys.privateKey, certificate };
}
