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
  /** The other certificates of the PKCS#12 (issuers), PEM. */
  chainPem: string[];
  /** DER size of all its certificates: the signature embeds them all. */
  certificateBytes: number;
}

/**
 * Opens a PKCS#12 and checks it can sign: an encrypted private key (the only kind the
 * signer reads) and a certificate for that key. A wrong passphrase is said as such.
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
  const shroudedKeyBag = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const certBag = forge.pki.oids.certBag!;
  const key = parsed.getBags({ bagType: shroudedKeyBag })[shroudedKeyBag]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new CertificateError('The PKCS#12 holds no encrypted RSA private key');
  const certificates = (parsed.getBags({ bagType: certBag })[certBag] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const own = certificates.find((certificate) => {
    const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!own) throw new CertificateError('The PKCS#12 holds no certificate for its private key');

  const der = (certificate: forge.pki.Certificate) => forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).length();
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
    chainPem: certificates.filter((certificate) => certificate !== own).map((certificate) => forge.pki.certificateToPem(certificate)),
    certificateBytes: certificates.reduce((sum, certificate) => sum + der(certificate), 0),
  };
}
