import forge from 'node-forge';
import { CERTIFICATE_ORGANIZATION, randomSerialNumber, yearsAfter } from './certificate-fields.js';
import type { RootCa } from './load-or-create-root-ca.js';

export const COMMITTEE_CERTIFICATE_YEARS = 10;

export interface CommitteeIdentity {
  id: string;
  name: string;
}

/**
 * The committee's signing certificate, issued by the install's root. Its common name is
 * the committee's name when that is plain ASCII, otherwise a fixed English name with the
 * committee id's first characters (see CERTIFICATE_ORGANIZATION on why not Chinese).
 */
export function issueCommitteeCertificate(
  rootCa: RootCa,
  committee: CommitteeIdentity,
  publicKey: forge.pki.rsa.PublicKey,
): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = randomSerialNumber();
  // A few minutes back: a verifier whose clock runs a little behind still sees it valid.
  certificate.validity.notBefore = new Date(Date.now() - 5 * 60_000);
  const tenYears = yearsAfter(certificate.validity.notBefore, COMMITTEE_CERTIFICATE_YEARS);
  certificate.validity.notAfter = tenYears < rootCa.certificate.validity.notAfter ? tenYears : rootCa.certificate.validity.notAfter;
  certificate.setSubject([
    { name: 'commonName', value: committeeCommonName(committee) },
    { name: 'organizationalUnitName', value: committee.id },
    { name: 'organizationName', value: CERTIFICATE_ORGANIZATION },
    { name: 'countryName', value: 'CN' },
  ]);
  certificate.setIssuer(rootCa.certificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: rootCa.certificate.generateSubjectKeyIdentifier().getBytes() },
  ]);
  certificate.sign(rootCa.key, forge.md.sha256.create());
  return certificate;
}

function committeeCommonName(committee: CommitteeIdentity): string {
  const name = committee.name.trim();
  if (/^[\x20-\x7e]{1,64}$/.test(name)) return name;
  return `People's Mediation Committee ${committee.id.slice(0, 8).toUpperCase()}`;
}
