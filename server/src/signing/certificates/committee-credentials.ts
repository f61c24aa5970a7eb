import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CertificateError } from './certificate-error.js';
import { certificateFingerprint, commonName } from './certificate-fields.js';

/** What signing a committee's agreements needs, and what a verifier will be shown of it. */
export interface CommitteeCredentials {
  /** PKCS#12 holding the committee's private key, its certificate and the chain above it. */
  p12: Buffer;
  passphrase: string;
  /** Made and kept by this install, or supplied by the operator (COMMITTEE_P12_PATH). */
  source: 'install' | 'operator';
  certificate: {
    subject: string;
    issuer: string;
    serialNumber: string;
    /** SHA-256 of the DER certificate, hex. */
    fingerprint: string;
    notBefore: Date;
    notAfter: Date;
    pem: string;
  };
  /** The other certificates of the PKCS#12 (its issuers), PEM. */
  chainPem: string[];
  /** The same key and certificates, opened once, ready to sign with Node's crypto. */
  privateKey: KeyObject;
  certificateDer: Buffer;
  chainDer: Buffer[];
}

/**
 * Opens a PKCS#12 once (deriving its keys takes tens of milliseconds in node-forge) and
 * checks it can sign: an RSA private key and a certificate for that key.
 */
export function readCommitteeCredentials(
  p12: Buffer,
  passphrase: string,
  source: CommitteeCredentials['source'],
): CommitteeCredentials {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  } catch (error) {
    throw new CertificateError(`Cannot open the PKCS#12 (wrong passphrase or damaged file): ${(error as Error).message}`);
  }
  const certBag = forge.pki.oids.certBag!;
  const keyBags = [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!].flatMap((bagType) => parsed.getBags({ bagType })[bagType] ?? []);
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new CertificateError('The PKCS#12 holds no RSA private key');
  const certificates = (parsed.getBags({ bagType: certBag })[certBag] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const own = certificates.find((certificate) => {
    const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!own) throw new CertificateError('The PKCS#12 holds no certificate for its private key');

  const der = (certificate: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  const issuers = certificates.filter((certificate) => certificate !== own);
  return {
    p12,
    passphrase,
    source,
    certificate: {
      subject: commonName(own),
      issuer: String(own.issuer.getField('CN')?.value ?? ''),
      serialNumber: own.serialNumber,
      fingerprint: certificateFingerprint(own),
      notBefore: own.validity.notBefore,
      notAfter: own.validity.notAfter,
      pem: forge.pki.certificateToPem(own),
    },
    chainPem: issuers.map((certificate) => forge.pki.certificateToPem(certificate)),
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificateDer: der(own),
    chainDer: issuers.map(der),
  };
}
