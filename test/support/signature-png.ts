import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG like a signature pad's: a dark stroke on a transparent RGBA canvas. `seed` varies
 * the stroke; `padding` adds noise rows to make a large image for size checks.
 */
export function signaturePng(seed = 1, width = 240, height = 90, noisy = false): Uint8Array {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4);
    for (let x = 0; x < width; x++) {
      const curve = Math.round(height / 2 + (height / 3) * Math.sin((x + seed * 17) / 18));
      const ink = Math.abs(y - curve) <= 1;
      const offset = 1 + x * 4;
      if (noisy) {
        row[offset] = (x * 31 + y * 17 + seed) & 0xff;
        row[offset + 1] = (x * 7 + y * 13) & 0xff;
        row[offset + 2] = (x ^ y) & 0xff;
        row[offset + 3] = 255;
      } else if (ink) {
        row.writeUInt32BE(0x1a2b4cff, offset);
      }
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.concat(rows), { level: noisy ? 0 : 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}
