import type { DiffRow } from './side-by-side-diff';

/** Unchanged rows shown as one line that opens on demand. */
export interface FoldedRows {
  kind: 'folded';
  rows: DiffRow[];
}

export type DiffDisplayRow = DiffRow | FoldedRows;

/**
 * A comparison with long unchanged stretches folded away, keeping `context` unchanged rows
 * next to each change so a change is read in its place. A fold hides at least two rows:
 * a button in place of a single row would save nothing.
 */
export function foldUnchangedRows(rows: readonly DiffRow[], context = 2): DiffDisplayRow[] {
  if (!rows.some((row) => row.kind !== 'same')) return [...rows];
  const display: DiffDisplayRow[] = [];
  let index = 0;
  while (index < rows.length) {
    if (rows[index]!.kind !== 'same') {
      display.push(rows[index++]!);
      continue;
    }
    let end = index;
    while (end < rows.length && rows[end]!.kind === 'same') end++;
    const keepBefore = index > 0 ? context : 0;
    const keepAfter = end < rows.length ? context : 0;
    const hidden = end - index - keepBefore - keepAfter;
    if (hidden >= 2) {
      display.push(...rows.slice(index, index + keepBefore));
      display.push({ kind: 'folded', rows: rows.slice(index + keepBefore, end - keepAfter) });
      display.push(...rows.slice(end - keepAfter, end));
    } else {
      display.push(...rows.slice(index, end));
    }
    index = end;
  }
  return display;
}
