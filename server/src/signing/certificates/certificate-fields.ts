import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * Subject names stay ASCII: node-forge writes a UTF-8 name encoded twice, and verifiers
 * then reject the chain. The committee's Chinese name is printed on the PDF instead.
 */
export const CERTIFICATE_ORGANIZATION = "People's Mediation Service";

/** A random positive serial of 16 bytes (RFC 5280 allows at most 20). */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

export function yearsAfter(start: Date, years: number): Date {
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end;
}

/** The SHA-256 of a certificate's DER encoding, as verifiers print it. */
export function certificateFingerprint(certificate: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return forge.md.sha256.create().update(der).digest().toHex();
}

export function commonName(certificate: forge.pki.Certificate): string {
  return String(certificate.subject.getField('CN')?.value ?? '');
}
