/** A certificate or key that cannot be used to sign: unreadable, wrong passphrase, no matching key. */
export class CertificateError extends Error {
  override name = 'CertificateError';
}
