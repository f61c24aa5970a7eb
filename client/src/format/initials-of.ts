const HAN = /\p{Script=Han}/u;

/**
 * Two letters for a video placeholder. Chinese names put the family name first and are
 * usually shown by their last two characters (张小明 → 小明); others by their first and last words.
 */
export function initialsOf(displayName: string): string {
  const name = displayName.trim();
  if (HAN.test(name)) return Array.from(name.replace(/\s+/g, '')).slice(-2).join('');
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}
