import { JoinClaims } from '@mediation/shared';

/**
 * Reads the claims of a join link's JWT without verifying it: only to greet the person.
 * The server verifies the signature at the handshake. Returns null when unreadable.
 */
export function decodeJoinToken(token: string): JoinClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(parts[1]));
    const parsed = JoinClaims.safeParse(claims);
    return parsed.success ? parsed.data : null;
  } catch {
    // Not base64url or not JSON: the link is damaged, which the caller reports as null.
    return null;
  }
}

/** base64url → UTF-8 text; names are often Chinese, so the bytes must be decoded as UTF-8. */
function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
