import { describe, expect, it } from 'vitest';
import { foldUnchangedRows, type DiffDisplayRow } from '../src/drafting/fold-unchanged-rows';
import { sideBySideDiff } from '../src/drafting/side-by-side-diff';

const lines = (count: number, prefix = 'line') => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
const kinds = (display: DiffDisplayRow[]) => display.map((row) => (row.kind === 'folded' ? `folded ${row.rows.length}` : row.kind));

describe('foldUnchangedRows', () => {
  it('folds the unchanged stretch before a change, keeping two rows of context', () => {
    const before = [...lines(10), 'old'].join('\n');
    const after = [...lines(10), 'new'].join('\n');
    expect(kinds(foldUnchangedRows(sideBySideDiff(before, after)))).toEqual(['folded 8', 'same', 'same', 'changed']);
  });

  it('keeps context on both sides of a fold between two changes', () => {
    const before = ['a', ...lines(10), 'b'].join('\n');
    const after = ['A', ...lines(10), 'B'].join('\n');
    expect(kinds(foldUnchangedRows(sideBySideDiff(before, after)))).toEqual(['changed', 'same', 'same', 'folded 6', 'same', 'same', 'changed']);
  });

  it('does not fold a stretch that would hide fewer than two rows', () => {
    const before = ['a', ...lines(5), 'b'].join('\n');
    const after = ['A', ...lines(5), 'B'].join('\n');
    expect(kinds(foldUnchangedRows(sideBySideDiff(before, after)))).toEqual(['changed', 'same', 'same', 'same', 'same', 'same', 'changed']);
  });

  it('keeps the folded rows, in order, for showing them later', () => {
    const before = [...lines(6), 'old'].join('\n');
    const after = [...lines(6), 'new'].join('\n');
    const [folded] = foldUnchangedRows(sideBySideDiff(before, after));
    expect(folded!.kind === 'folded' && folded!.rows.map((row) => row.before!.lineNumber)).toEqual([1, 2, 3, 4]);
  });

  it('leaves equal texts unfolded', () => {
    const text = lines(20).join('\n');
    expect(kinds(foldUnchangedRows(sideBySideDiff(text, text)))).toEqual(Array(20).fill('same'));
  });
});
