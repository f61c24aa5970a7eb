import type { Prng } from './prng.js';

/** Keys that mean something to JavaScript objects rather than to the protocol. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then'];

/** Strings that have broken parsers, loggers and databases elsewhere. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002',
  '\ud800',
  '\udfff\ud800',
  '\u202e',
  '\ufeff',
  '💥'.repeat(3),
  '人民调解协议书',
  "'; DROP TABLE cases; --",
  '" OR 1=1 --',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd',
  '%s%s%s%n',
  '%E0%A4%A',
  'MA-2026-000001',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e400',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '\r\n\r\nHTTP/1.1 200 OK',
  'x'.repeat(65),
  ...PROTOTYPE_KEYS,
];

/** Numbers at the edges: JSON keeps them, but schemas and SQLite may not. */
const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE];

/**
 * Numbers that JSON cannot carry. Socket.IO's encoder writes NaN and Infinity as `null`;
 * raw frames write them as the text given here (`NaN` is not JSON, `1e400` parses as Infinity).
 */
export const NON_FINITE_TEXT = ['NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e-400', '123456789012345678901234567890', '0x10', '.5', '+1', '01'];

export function randomString(prng: Prng, maxLength = 64): string {
  switch (prng.int(5)) {
    case 0:
      return prng.pick(NASTY_STRINGS);
    case 1: {
      const length = prng.size(maxLength);
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCharCode(prng.int(0x10000));
      return text;
    }
    case 2:
      return hugeString(prng, maxLength);
    default: {
      const length = prng.size(maxLength);
      let text = '';
      for (let i = 0; i < length; i++) text += 'abcdefghijklmnopqrstuvwxyz0123456789-_'[prng.int(38)];
      return text;
    }
  }
}

/** A string of one repeated piece, up to `maxLength` characters. */
export function hugeString(prng: Prng, maxLength: number): string {
  const piece = prng.pick(['x', 'é', '人', '\u0000', 'MA-2026-000001 ', '💥', 'ab']);
  return piece.repeat(Math.max(1, Math.floor(prng.size(maxLength) / piece.length)));
}

export function randomNumber(prng: Prng): number {
  switch (prng.int(4)) {
    case 0:
      return prng.pick(EDGE_NUMBERS);
    case 1:
      return prng.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    case 2:
      return (prng.next() - 0.5) * 10 ** prng.int(20);
    default:
      return prng.int(1000);
  }
}

/** Any JSON-like value, nested at most `depth` levels. */
export function randomValue(prng: Prng, depth = 3): unknown {
  const kind = prng.int(depth > 0 ? 9 : 6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return prng.chance(0.5);
    case 2:
      return randomNumber(prng);
    case 3:
    case 4:
      return randomString(prng, 200);
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: prng.size(8) }, () => randomValue(prng, depth - 1));
    case 7:
      return randomObject(prng, depth - 1);
    default:
      return prng.chance(0.5) ? deeplyNested(prng, prng.size(MAX_BUILT_DEPTH)) : wideArray(prng, prng.size(20_000));
  }
}

export function randomObject(prng: Prng, depth = 2): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = prng.size(8);
  for (let i = 0; i < keys; i++) {
    const key = prng.chance(0.2) ? prng.pick(PROTOTYPE_KEYS) : randomString(prng, 24);
    // As JSON.parse would: `__proto__` becomes an own key, not the prototype.
    Object.defineProperty(out, key, { value: randomValue(prng, depth), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * How deep a value built here may nest: encoding it (JSON.stringify with a replacer, the
 * client's binary check) recurses. Deeper nesting is sent as text (deeplyNestedText).
 */
export const MAX_BUILT_DEPTH = 1000;

/** `[[[…]]]` or `{"a":{"a":…}}`, `depth` levels deep. */
export function deeplyNested(prng: Prng, depth: number): unknown {
  const useArrays = prng.chance(0.5);
  let value: unknown = prng.chance(0.5) ? 1 : 'leaf';
  for (let i = 0; i < depth; i++) value = useArrays ? [value] : { a: value };
  return value;
}

/** The same nesting as text, far deeper than an object could be built and encoded on this side. */
export function deeplyNestedText(prng: Prng, depth: number): string {
  return prng.chance(0.5) ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export function wideArray(prng: Prng, length: number): unknown[] {
  const item = prng.pick<unknown>([1, 'x', null, {}, [], 'MA-2026-000001', true]);
  return Array.from({ length }, () => item);
}
