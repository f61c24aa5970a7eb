/** A kept secret that cannot be opened: another SECRETS_KEY, an altered row, or one moved from another name. */
export class KeptSecretError extends Error {
  override name = 'KeptSecretError';
}
