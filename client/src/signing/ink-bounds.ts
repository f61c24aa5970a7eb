/** A rectangle of a canvas, in device pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The box around everything drawn on a transparent canvas (any pixel that is not fully
 * transparent), widened by `margin` pixels within the canvas; null when nothing is drawn.
 * The signature image is cut to it, so the drawing fills its place in the issued PDF.
 */
export function inkBounds(image: { data: ArrayLike<number>; width: number; height: number }, margin = 0): PixelBox | null {
  const { data, width, height } = image;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y += 1) {
    const row = y * width * 4;
    for (let x = 0; x < width; x += 1) {
      if (data[row + x * 4 + 3] === 0) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (right < 0) return null;
  const x = Math.max(0, left - margin);
  const y = Math.max(0, top - margin);
  return { x, y, width: Math.min(width, right + 1 + margin) - x, height: Math.min(height, bottom + 1 + margin) - y };
}
