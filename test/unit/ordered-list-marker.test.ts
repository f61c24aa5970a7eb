import { describe, expect, it } from 'vitest';
import { orderedListMarker, richTextLines, type CanonicalNode } from '@mediation/shared';

describe('orderedListMarker', () => {
  it('numbers as a browser draws <ol type>: decimal, letters and roman numerals', () => {
    expect([1, 2, 10].map((n) => orderedListMarker(null, n))).toEqual(['1', '2', '10']);
    expect([1, 2, 26, 27, 52, 703].map((n) => orderedListMarker('a', n))).toEqual(['a', 'b', 'z', 'aa', 'az', 'aaa']);
    expect(orderedListMarker('A', 28)).toBe('AB');
    expect([1, 4, 9, 14, 1994, 3999].map((n) => orderedListMarker('i', n))).toEqual(['i', 'iv', 'ix', 'xiv', 'mcmxciv', 'mmmcmxcix']);
    expect(orderedListMarker('I', 40)).toBe('XL');
    expect(orderedListMarker('1', 7)).toBe('7');
  });

  it('falls back to decimal where the browser’s counter style does: letters below 1, roman outside 1 to 3999', () => {
    expect(orderedListMarker('a', 0)).toBe('0');
    expect(orderedListMarker('A', -2)).toBe('-2');
    expect(orderedListMarker('i', 0)).toBe('0');
    expect(orderedListMarker('I', 4000)).toBe('4000');
  });

  it('gives the agreement’s plain text the markers the editors show', () => {
    const item = (text: string): CanonicalNode => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ text }] }] });
    const list: CanonicalNode = { type: 'orderedList', attrs: { start: 3, type: 'a' }, content: [item('first'), item('second')] };
    expect(richTextLines([list])).toEqual(['c. first', 'd. second']);
  });
});
