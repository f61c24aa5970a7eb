/**
 * The median of values given as (value, how many times), sorted by value: the middle value,
 * or the mean of the two middle ones when there is an even number. Null when there are none.
 */
export function medianOfCounts(sorted: readonly { value: number; count: number }[]): number | null {
  const total = sorted.reduce((sum, { count }) => sum + count, 0);
  if (total === 0) return null;
  // Zero-based positions of the middle one (odd total) or the middle two (even).
  const lower = Math.floor((total - 1) / 2);
  const upper = Math.ceil((total - 1) / 2);
  let seen = 0;
  let lowerValue: number | undefined;
  for (const { value, count } of sorted) {
    seen += count;
    if (lowerValue === undefined && seen > lower) lowerValue = value;
    if (seen > upper) return (lowerValue! + value) / 2;
  }
  throw new Error('unreachable: the positions lie within the total');
}
