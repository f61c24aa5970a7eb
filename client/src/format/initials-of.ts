/** The first run of Chinese characters in a name, such as 张伟 in "张伟 Zhang Wei". */
const HAN_RUN = /\p{Script=Han}+/u;

/**
 * Two letters for a video placeholder. A name with Chinese characters, alone or beside a
 * romanisation ("张伟 Zhang Wei"), is shown by its Chinese part: the family name comes first
 * and people are called by the last two characters (张小明 → 小明, 欧阳娜娜 → 娜娜, 张伟 → 张伟).
 * Other names by the first letters of their first and last words.
 */
export function initialsOf(displayName: string): string {
  const name = displayName.trim();
  const han = HAN_RUN.exec(name);
  if (han) return Array.from(han[0]).slice(-2).join('');
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}
