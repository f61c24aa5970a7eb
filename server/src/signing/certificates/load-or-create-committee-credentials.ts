import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { CertificateError } from './certificate-error.js';
import { certificateFiles } from './certificate-files.js';
import { readCommitteeCredentials, type CommitteeCredentials } from './committee-credentials.js';
import { generateRsaKeyPair } from './generate-rsa-key-pair.js';
import { issueCommitteeCertificate, type CommitteeIdentity } from './issue-committee-certificate.js';
import { loadOrCreateRootCa, type RootCa } from './load-or-create-root-ca.js';
import { onceAtATime } from './once-at-a-time.js';
import { readIfExists } from './read-if-exists.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** The operator's own PKCS#12 (COMMITTEE_P12_PATH, COMMITTEE_P12_PASSPHRASE), used for every committee. */
export interface OperatorP12 {
  path: string | undefined;
  passphrase: string | undefined;
}

/** A certificate this close to its end is replaced before it signs anything more. */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

const running = new Map<string, Promise<CommitteeCredentials>>();

/**
 * The credentials a committee signs its agreements with: the operator's PKCS#12 when one
 * is configured; otherwise the committee's own key and certificate, issued by the
 * install's root CA on first use and kept in DATA_DIR/certificates/committee-<id>.p12.
 * A kept certificate that this root did not issue (the root was replaced) or that is about
 * to expire is issued anew.
 */
export async function loadOrCreateCommitteeCredentials(
  dataDir: string,
  committee: CommitteeIdentity,
  operatorP12?: OperatorP12,
): Promise<CommitteeCredentials> {
  if (operatorP12?.path) {
    const p12 = await readIfExists(operatorP12.path);
    if (!p12) throw new CertificateError(`COMMITTEE_P12_PATH: no file at ${operatorP12.path}`);
    return openOnce(p12, operatorP12.passphrase ?? '', 'operator');
  }
  const files = certificateFiles(dataDir);
  const p12File = files.committeeP12(committee.id);
  const passphraseFile = files.committeePassphrase(committee.id);
  return onceAtATime(running, p12File, async () => {
    const rootCa = await loadOrCreateRootCa(dataDir);
    const kept = await readKept(p12File, passphraseFile);
    if (kept && isCurrent(kept, rootCa)) return kept;

    const keys = await generateRsaKeyPair(2048);
    const certificate = issueCommitteeCertificate(rootCa, committee, keys.publicKey);
    const passphrase = randomBytes(24).toString('base64url');
    const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate, rootCa.certificate], passphrase, {
      algorithm: 'aes256',
      friendlyName: certificate.subject.getField('CN')?.value as string,
    });
    const p12Bytes = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
    // The passphrase goes first: a PKCS#12 on disk always has its passphrase beside it.
    await writeFileAtomically(passphraseFile, passphrase);
    await writeFileAtomically(p12File, p12Bytes);
    return readCommitteeCredentials(p12Bytes, passphrase, 'install');
  });
}

async function readKept(p12File: string, passphraseFile: string): Promise<CommitteeCredentials | null> {
  const [p12, passphrase] = await Promise.all([readIfExists(p12File), readIfExists(passphraseFile)]);
  if (!p12 || passphrase === null) return null;
  return openOnce(p12, passphrase.toString('utf8'), 'install');
}

/** Credentials already opened, by the SHA-256 of their PKCS#12 and passphrase. */
const opened = new Map<string, CommitteeCredentials>();

/**
 * Every issue reads the files again (an operator may replace them), but opens a PKCS#12
 * it has seen before from memory: node-forge takes tens of milliseconds to derive its keys.
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
