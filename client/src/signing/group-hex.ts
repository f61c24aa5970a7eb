/**
 * A hash in groups of a few hex digits, to be read aloud or compared with the printed copy
 * ("3f9a 01c2 …") rather than as one 64-character run.
 */
export function groupHex(hex: string, size = 4): string[] {
  if (size < 1) throw new RangeError('a group has at least one digit');
  const groups: string[] = [];
  for (let start = 0; start < hex.length; start += size) groups.push(hex.slice(start, start + size));
  return groups;
}
