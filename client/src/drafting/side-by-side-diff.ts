import { diffChars, diffLines } from 'diff';

/** A run of one line's text, changed or not. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

/** One side of a row: its line number and text, or nothing where the other side has a line alone. */
export interface DiffCell {
  lineNumber: number;
  segments: DiffSegment[];
}

export interface DiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  before: DiffCell | null;
  after: DiffCell | null;
}

/**
 * Two texts as rows of a side-by-side comparison. Lines are matched first; a removed line
 * facing an added one is compared character by character, since Chinese text has no spaces
 * to split words on.
 */
export function sideBySideDiff(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let beforeLine = 1;
  let afterLine = 1;
  let removed: string[] = [];

  const flushRemoved = (added: string[]): void => {
    const paired = Math.min(removed.length, added.length);
    for (let index = 0; index < Math.max(removed.length, added.length); index++) {
      const oldLine = removed[index];
      const newLine = added[index];
      if (index < paired) {
        const [oldSegments, newSegments] = characterSegments(oldLine!, newLine!);
        rows.push({
          kind: 'changed',
          before: { lineNumber: beforeLine++, segments: oldSegments },
          after: { lineNumber: afterLine++, segments: newSegments },
        });
      } else if (oldLine !== undefined) {
        rows.push({ kind: 'removed', before: { lineNumber: beforeLine++, segments: whole(oldLine, true) }, after: null });
      } else {
        rows.push({ kind: 'added', before: null, after: { lineNumber: afterLine++, segments: whole(newLine!, true) } });
      }
    }
    removed = [];
  };

  for (const change of diffLines(before, after)) {
    const lines = splitLines(change.value);
    if (change.removed) {
      removed.push(...lines);
    } else if (change.added) {
      flushRemoved(lines);
    } else {
      flushRemoved([]);
      for (const line of lines) {
        rows.push({
          kind: 'same',
          before: { lineNumber: beforeLine++, segments: whole(line, false) },
          after: { lineNumber: afterLine++, segments: whole(line, false) },
        });
      }
    }
  }
  flushRemoved([]);
  return rows;
}

/** Whether two texts differ at all, line endings aside. */
export function hasDifferences(rows: readonly DiffRow[]): boolean {
  return rows.some((row) => row.kind !== 'same');
}

function characterSegments(oldLine: string, newLine: string): [DiffSegment[], DiffSegment[]] {
  const oldSegments: DiffSegment[] = [];
  const newSegments: DiffSegment[] = [];
  for (const part of diffChars(oldLine, newLine)) {
    if (!part.added) oldSegments.push({ text: part.value, changed: part.removed });
    if (!part.removed) newSegments.push({ text: part.value, changed: part.added });
  }
  return [oldSegments, newSegments];
}

function whole(line: string, changed: boolean): DiffSegment[] {
  return line === '' ? [] : [{ text: line, changed }];
}

/** The lines of a diff chunk; its final newline ends the last line rather than starting one. */
function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
