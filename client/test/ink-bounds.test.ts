import { describe, expect, it } from 'vitest';
import { inkBounds } from '../src/signing/ink-bounds';

/** A transparent RGBA image with the given pixels painted opaque. */
function image(width: number, height: number, painted: [number, number][]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (const [x, y] of painted) data[(y * width + x) * 4 + 3] = 255;
  return { data, width, height };
}

describe('the box around a drawn signature', () => {
  it('holds every painted pixel and nothing beyond them', () => {
    expect(inkBounds(image(100, 50, [[10, 5], [60, 30], [35, 12]]))).toEqual({ x: 10, y: 5, width: 51, height: 26 });
  });

  it('is widened by the margin but never past the canvas', () => {
    expect(inkBounds(image(100, 50, [[2, 48], [90, 20]]), 12)).toEqual({ x: 0, y: 8, width: 100, height: 42 });
  });

  it('counts a faint, partly transparent stroke edge as drawn', () => {
    const faint = image(10, 10, []);
    faint.data[(4 * 10 + 4) * 4 + 3] = 1;
    expect(inkBounds(faint)).toEqual({ x: 4, y: 4, width: 1, height: 1 });
  });

  it('is null for an empty pad', () => {
    expect(inkBounds(image(20, 20, []), 5)).toBeNull();
  });
});
