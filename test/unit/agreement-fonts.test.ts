import { describe, expect, it } from 'vitest';
import { notoSansSc } from '../../server/src/signing/pdf/agreement-fonts.js';

/** The characters of the glyphs fontkit lays out, in the order they are drawn. */
function drawnOrder(text: string): string {
  return notoSansSc()
    .regular.layout(text)
    .glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints))
    .join('');
}

describe('the agreement PDF’s fonts', () => {
  it('draw a word that starts with a right-to-left letter in the order it is stored, its digits unreversed', () => {
    expect(drawnOrder('\u06271000')).toMatch(/1000$/);
    expect(drawnOrder('\u05D0abc')).toMatch(/abc$/);
  });

  it('reorder nothing around a right-to-left override', () => {
    // Whether fontkit draws the control as nothing or as a missing-glyph box depends on which
    // missing character it met first (it caches glyph 0 with that character); either way in place.
    expect(drawnOrder('\u202E1000\u202C')).toMatch(/^.1000.$/u);
  });

  it('draw Chinese, Latin and digits as before', () => {
    expect(drawnOrder('赔偿 RMB 12000 元')).toBe('赔偿 RMB 12000 元');
  });
});
