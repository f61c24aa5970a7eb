import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { KeptCommitteeP12, KeptSecrets } from '../../store/kept-secrets.js';
import { CertificateError } from './certificate-error.js';
import { readCommitteeCredentials, type CommitteeCredentials } from './committee-credentials.js';
import { generateRsaKeyPair } from './generate-rsa-key-pair.js';
import { issueCommitteeCertificate, type CommitteeIdentity } from './issue-committee-certificate.js';
import { loadOrCreateRootCa, type RootCa } from './load-or-create-root-ca.js';
import { OnceAtATime } from './once-at-a-time.js';
import { readIfExists } from './read-if-exists.js';

/** The operator's own PKCS#12 (COMMITTEE_P12_PATH, COMMITTEE_P12_PASSPHRASE), used for every committee. */
export interface OperatorP12 {
  path: string | undefined;
  passphrase: string | undefined;
}

/** A certificate this close to its end is replaced before it signs anything more. */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

const once = new OnceAtATime<CommitteeCredentials>();

/**
 * The credentials a committee signs its agreements with: the operator's PKCS#12 when one
 * is configured; otherwise the committee's own key and certificate, issued by the
 * install's root CA on first use and kept with the install's secrets. A kept certificate
 * that this root did not issue (the root was replaced) or that is about to expire is
 * issued anew, in place of the one read: a node that renews second takes the first's.
 */
export async function loadOrCreateCommitteeCredentials(
  secrets: KeptSecrets,
  committee: CommitteeIdentity,
  operatorP12?: OperatorP12,
): Promise<CommitteeCredentials> {
  if (operatorP12?.path) {
    const p12 = await readIfExists(operatorP12.path);
    if (!p12) throw new CertificateError(`COMMITTEE_P12_PATH: no file at ${operatorP12.path}`);
    return openOnce(p12, operatorP12.passphrase ?? '', 'operator');
  }
  const kept = secrets.committeeCredentials(committee.id);
  return once.run(secrets, committee.id, async () => {
    const rootCa = await loadOrCreateRootCa(secrets);
    const current = await kept.read();
    if (current) {
      const credentials = openOnce(current.p12, current.passphrase, 'install');
      if (isCurrent(credentials, rootCa)) return credentials;
    }
    const made = await makeCommitteeP12(rootCa, committee);
    const winner = current ? await kept.replace(current, made) : await kept.keepIfAbsent(made);
    return openOnce(winner.p12, winner.passphrase, 'install');
  });
}

async function makeCommitteeP12(rootCa: RootCa, committee: CommitteeIdentity): Promise<KeptCommitteeP12> {
  const keys = await generateRsaKeyPair(2048);
  const certificate = issueCommitteeCertificate(rootCa, committee, keys.publicKey);
  const passphrase = randomBytes(24).toString('base64url');
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate, rootCa.certificate], passphrase, {
    algorithm: 'aes256',
    friendlyName: certificate.subject.getField('CN')?.value as string,
  });
  return { p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), passphrase };
}

/** Credentials already opened, by the SHA-256 of their PKCS#12 and passphrase. */
const opened = new Map<string, CommitteeCredentials>();

/**
 * Every issue reads the kept secrets again (an operator may replace them, another node
 * may renew them), but opens a PKCS#12 it has seen before from memory: node-forge takes
 * tens of milliseconds to derive its keys.
 */
function openOnce(p12: Buffer, passphrase: string, source: CommitteeCredentials['source']): CommitteeCredentials {
  const key = createHash('sha256').update(p12).update('\0').update(passphrase).update('\0').update(source).digest('hex');
  let credentials = opened.get(key);
  if (!credentials) {
    credentials = readCommitteeCredentials(p12, passphrase, source);
    opened.set(key, credentials);
  }
  return credentials;
}

function isCurrent(credentials: CommitteeCredentials, rootCa: RootCa): boolean {
  if (credentials.certificate.notAfter.getTime() - Date.now() < RENEW_BEFORE_MS) return false;
  try {
    return rootCa.certificate.verify(forge.pki.certificateFromPem(credentials.certificate.pem));
  } catch {
    // node-forge throws rather than returns false when the issuer's name does not match.
    return false;
  }
}
