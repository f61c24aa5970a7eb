/** The join link carries its token in the fragment (`#token=...`) so it never reaches server logs. */
export function readJoinToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}
