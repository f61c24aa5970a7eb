/**
 * Whether this page can make and use a signing key: browsers offer WebCrypto only to pages
 * served over HTTPS (or from the machine itself), so a plain-http address cannot sign.
 */
export function canSignHere(): boolean {
  return globalThis.isSecureContext === true && typeof globalThis.crypto?.subtle?.sign === 'function';
}
