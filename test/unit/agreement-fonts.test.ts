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

  it('reorder nothing around a right-to-left override, and draw the control as nothing', () => {
    expect(drawnOrder('\u202E1000\u202C')).toBe('1000');
  });

  it('draw nothing for what a browser draws as nothing: zero-width joiners and spaces, soft hyphens', () => {
    expect(drawnOrder('Kunming\u200D')).toBe('Kunming');
    expect(drawnOrder('张\u200B伟')).toBe('张伟');
    expect(drawnOrder('media\u00ADtion')).toBe('mediation');
    const { regular } = notoSansSc();
    expect(regular.layout('Kunming\u200D').glyphs.every((glyph) => glyph.id !== 0)).toBe(true);
  });

  it('draw Chinese, Latin and digits as before', () => {
    expect(drawnOrder('赔偿 RMB 12000 元')).toBe('赔偿 RMB 12000 元');
  });

  it('set a curly apostrophe inside an English word narrow, as English does, and keep Chinese quotes a full em', () => {
    const { regular } = notoSansSc();
    const advanceOf = (text: string, character: string) => {
      const run = regular.layout(text);
      const index = run.glyphs.findIndex((glyph) => glyph.codePoints.includes(character.codePointAt(0)!));
      return run.positions[index]!.xAdvance / regular.unitsPerEm;
    };
    expect(advanceOf('people’s', '’')).toBeLessThan(0.4);
    expect(advanceOf('他说“好”', '“')).toBe(1);
  });
});
