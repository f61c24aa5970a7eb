import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;

/**
 * A drawn signature as an opaque RGB PNG on white. A browser canvas gives RGBA; pdfkit
 * would split the alpha into a soft mask (more work, and a transparency group in the
 * PDF), while an RGB PNG goes into the PDF as its own compressed data. pngjs reads any
 * PNG; the RGB image is written here, in one pass: pngjs's writer, trying five row
 * filters per row, took longer than the rest of the page.
 */
export function flattenSignatureImage(png: Uint8Array): Buffer {
  const { width, height, data } = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  const rowBytes = 1 + width * 3;
  // Each row starts with its filter type: 0, none. The rows of a signature are mostly white.
  const rows = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    let out = y * rowBytes + 1;
    let at = y * width * 4;
    for (let x = 0; x < width; x++, at += 4, out += 3) {
      const alpha = data[at + 3]!;
      const white = 255 * (255 - alpha);
      rows[out] = (data[at]! * alpha + white + 127) / 255;
      rows[out + 1] = (data[at + 1]! * alpha + white + 127) / 255;
      rows[out + 2] = (data[at + 2]! * alpha + white + 127) / 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, COLOR_TYPE_RGB, 0, 0, 0], 8);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}
