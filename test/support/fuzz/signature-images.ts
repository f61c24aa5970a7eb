import { crc32, deflateSync } from 'node:zlib';
import { signaturePng } from '../signature-png.js';
import type { SignatureImageVariant } from './fuzz-input.js';
import type { Prng } from './prng.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A drawn signature as the schema sees it (PNG magic, at most 200 KB) but not always as a
 * PDF renderer can draw it: that is only found out when the agreement is issued.
 */
export function signatureImage(prng: Prng, variant: SignatureImageVariant): Uint8Array {
  const valid = signaturePng(prng.between(1, 100));
  switch (variant) {
    case 'valid':
      return valid;
    case 'magic-then-junk':
      return new Uint8Array(Buffer.concat([PNG_MAGIC, Buffer.from(prng.bytes(prng.size(4096)))]));
    case 'huge-dimensions': {
      // 20,000 × 20,000 RGBA declared; the data is a few compressed rows of nothing.
      const header = Buffer.alloc(13);
      header.writeUInt32BE(20_000, 0);
      header.writeUInt32BE(20_000, 4);
      header[8] = 8;
      header[9] = 6;
      const data = deflateSync(Buffer.alloc(4 * (1 + 20_000 * 4)), { level: 9 });
      return new Uint8Array(Buffer.concat([PNG_MAGIC, chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]));
    }
    case 'truncated':
      return valid.slice(0, Math.max(PNG_MAGIC.length, Math.floor(valid.length / 2)));
    case 'bad-crc': {
      const bytes = valid.slice();
      bytes[bytes.length - 13] = bytes[bytes.length - 13]! ^ 0xff;
      return bytes;
    }
  }
}
