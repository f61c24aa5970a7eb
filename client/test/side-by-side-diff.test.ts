import { describe, expect, it } from 'vitest';
import { hasDifferences, sideBySideDiff } from '../src/drafting/side-by-side-diff';

describe('sideBySideDiff', () => {
  it('shows equal texts as unchanged rows with the same line numbers on both sides', () => {
    const rows = sideBySideDiff('一\n二', '一\n二');
    expect(rows.map((row) => row.kind)).toEqual(['same', 'same']);
    expect(rows[1]).toMatchObject({ before: { lineNumber: 2 }, after: { lineNumber: 2 } });
    expect(hasDifferences(rows)).toBe(false);
  });

  it('compares a changed Chinese line character by character', () => {
    const [row] = sideBySideDiff('赔偿人民币5000元。', '赔偿人民币8000元。');
    expect(row!.kind).toBe('changed');
    expect(row!.before!.segments).toEqual([
      { text: '赔偿人民币', changed: false },
      { text: '5', changed: true },
      { text: '000元。', changed: false },
    ]);
    expect(row!.after!.segments).toEqual([
      { text: '赔偿人民币', changed: false },
      { text: '8', changed: true },
      { text: '000元。', changed: false },
    ]);
  });

  it('leaves the other side empty for a line only one text has', () => {
    const rows = sideBySideDiff('title\nclause 1\nend', 'title\nclause 1\nclause 2\nend');
    expect(rows.map((row) => row.kind)).toEqual(['same', 'same', 'added', 'same']);
    expect(rows[2]).toEqual({ kind: 'added', before: null, after: { lineNumber: 3, segments: [{ text: 'clause 2', changed: true }] } });
    expect(rows[3]).toMatchObject({ before: { lineNumber: 3 }, after: { lineNumber: 4 } });
  });

  it('pairs removed lines with the added lines that replace them, the rest stand alone', () => {
    const rows = sideBySideDiff('a\nold one\nold two\nz', 'a\nnew one\nz');
    expect(rows.map((row) => row.kind)).toEqual(['same', 'changed', 'removed', 'same']);
    expect(rows[2]).toEqual({ kind: 'removed', before: { lineNumber: 3, segments: [{ text: 'old two', changed: true }] }, after: null });
    expect(hasDifferences(rows)).toBe(true);
  });

  it('keeps empty lines as rows without text', () => {
    const rows = sideBySideDiff('a\n\nb', 'a\n\nb');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.before!.segments).toEqual([]);
  });

  it('handles a text compared with an empty one', () => {
    const rows = sideBySideDiff('', 'only line');
    expect(rows).toEqual([{ kind: 'added', before: null, after: { lineNumber: 1, segments: [{ text: 'only line', changed: true }] } }]);
  });
});
