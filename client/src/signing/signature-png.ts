import { MAX_SIGNATURE_IMAGE_BYTES } from '@mediation/shared';
import { inkBounds } from './ink-bounds';

/** Room left around the drawing when it is cut out, in device pixels. */
const INK_MARGIN = 12;
/** Below this the strokes would no longer read in the PDF; a drawing that needs it is not a signature. */
const SMALLEST_SCALE = 1 / 8;

/**
 * The drawn signature as PNG bytes: cut to the drawing, transparent around it, and scaled
 * down until it is within the size the server accepts.
 */
export async function signaturePng(canvas: HTMLCanvasElement, maxBytes = MAX_SIGNATURE_IMAGE_BYTES): Promise<Uint8Array> {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the signature pad has no 2D context');
  const box = inkBounds(context.getImageData(0, 0, canvas.width, canvas.height), INK_MARGIN);
  if (!box) throw new Error('nothing is drawn on the signature pad');
  for (let scale = 1; scale >= SMALLEST_SCALE; scale /= 2) {
    const out = document.createElement('canvas');
    out.width = Math.max(1, Math.round(box.width * scale));
    out.height = Math.max(1, Math.round(box.height * scale));
    const outContext = out.getContext('2d');
    if (!outContext) throw new Error('no 2D context for the signature image');
    outContext.drawImage(canvas, box.x, box.y, box.width, box.height, 0, 0, out.width, out.height);
    const png = await pngBytes(out);
    if (png.byteLength <= maxBytes) return png;
  }
  throw new Error(`the signature image stays over ${maxBytes} bytes`);
}

function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) reject(new Error('the browser could not encode the signature as PNG'));
      else blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}
