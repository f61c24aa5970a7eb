import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { KeptRootCa, KeptSecrets } from '../../store/kept-secrets.js';
import { CERTIFICATE_ORGANIZATION, randomSerialNumber, yearsAfter } from './certificate-fields.js';
import { generateRsaKeyPair } from './generate-rsa-key-pair.js';
import { OnceAtATime } from './once-at-a-time.js';

export interface RootCa {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
}

export const ROOT_CA_YEARS = 20;

const once = new OnceAtATime<RootCa>();

/**
 * The install's own root CA, which issues every committee's certificate: the kept one, or
 * one made on first use and kept (of two nodes making it at once, both use the one kept first).
 */
export function loadOrCreateRootCa(secrets: KeptSecrets): Promise<RootCa> {
  return once.run(secrets, 'root-ca', async () => {
    const kept = (await secrets.rootCa.read()) ?? (await secrets.rootCa.keepIfAbsent(await createRootCa()));
    return parseOnce(kept);
  });
}

/** Roots already parsed, by the SHA-256 of their PEM texts. */
const parsed = new Map<string, RootCa>();

/**
 * Every issue reads the kept root again (it may have been replaced), but parses one it has
 * seen before from memory: node-forge takes milliseconds to read a 3072-bit key, each time.
 */
function parseOnce(kept: KeptRootCa): RootCa {
  const key = createHash('sha256').update(kept.keyPem).update('\0').update(kept.certificatePem).digest('hex');
  let rootCa = parsed.get(key);
  if (!rootCa) {
    rootCa = {
      key: forge.pki.privateKeyFromPem(kept.keyPem) as forge.pki.rsa.PrivateKey,
      certificate: forge.pki.certificateFromPem(kept.certificatePem),
    };
    parsed.set(key, rootCa);
  }
  return rootCa;
}

async function createRootCa(): Promise<KeptRootCa> {
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
  return { keyPem: forge.pki.privateKeyToPem(keys.privateKey), certificatePem: forge.pki.certificateToPem(certificate) };
}
