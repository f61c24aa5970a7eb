import type { Prng } from './prng.js';

/** Bit flips, truncations and splices of real bytes: close enough to the format to get past its first checks. */
export function mutateBytes(prng: Prng, original: Uint8Array, donor?: Uint8Array): Uint8Array {
  if (original.byteLength === 0) return prng.bytes(prng.size(64));
  const bytes = original.slice();
  switch (prng.int(7)) {
    case 0: {
      const flips = prng.size(8) + 1;
      for (let i = 0; i < flips; i++) {
        const at = prng.int(bytes.length);
        bytes[at] = bytes[at]! ^ (1 << prng.int(8));
      }
      return bytes;
    }
    case 1:
      return bytes.slice(0, prng.int(bytes.length));
    case 2:
      return bytes.slice(prng.int(bytes.length));
    case 3: {
      // Another message's bytes spliced in where this one's were.
      const other = donor ?? prng.bytes(prng.size(32) + 1);
      const at = prng.int(bytes.length);
      const from = prng.int(other.length);
      return concat(bytes.slice(0, at), other.slice(from, from + prng.size(other.length - from)), bytes.slice(at + prng.int(4)));
    }
    case 4: {
      // A length or count turned huge: a varint of 0xff bytes.
      const at = prng.int(bytes.length);
      const run = new Uint8Array(prng.between(1, 9)).fill(0xff);
      return concat(bytes.slice(0, at), run, bytes.slice(at + 1));
    }
    case 5: {
      const at = prng.int(bytes.length);
      const length = prng.size(bytes.length - at);
      return concat(bytes.slice(0, at + length), bytes.slice(at, at + length), bytes.slice(at + length));
    }
    default: {
      const at = prng.int(bytes.length);
      bytes[at] = prng.pick([0x00, 0x7f, 0x80, 0xff, 0x01]);
      return bytes;
    }
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
