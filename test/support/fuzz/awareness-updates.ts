import * as encoding from 'lib0/encoding';
import { toBase64 } from '@mediation/shared';
import { mutateBytes } from './mutate-bytes.js';
import type { Prng } from './prng.js';
import { deeplyNestedText, hugeString, randomString } from './random-values.js';

/**
 * Client ids drawn from a small pool, so that connections of one case speak for each
 * other's carets as often as for their own.
 */
function clientId(prng: Prng): number {
  return prng.weighted<number>([
    [prng.between(1, 16), 6],
    [prng.between(1, 2 ** 31 - 1), 3],
    [prng.pick([0, 2 ** 32 - 1, 2 ** 53 - 1]), 1],
  ]);
}

function clock(prng: Prng): number {
  return prng.weighted<number>([
    [prng.int(100), 6],
    [prng.pick([0, 2 ** 31, 2 ** 53 - 1]), 1],
  ]);
}

/** A state's JSON: a caret with `name`, sometimes big, sometimes not a caret at all. */
function stateJson(prng: Prng, name: string): string {
  return prng.weighted<() => string>([
    [() => JSON.stringify({ user: { name, color: '#336699' }, cursor: { anchor: prng.int(100), head: prng.int(100) } }), 6],
    [() => JSON.stringify({ user: { name }, big: hugeString(prng, 480 * 1024) }), 1],
    [() => 'null', 2],
    [() => JSON.stringify({ cursor: null }), 1],
    [() => JSON.stringify({ user: { name: randomString(prng, 40) } }), 2],
    [() => JSON.stringify({ user: null }), 1],
    [() => JSON.stringify({ user: { name: { toString: name } } }), 1],
    [() => deeplyNestedText(prng, prng.size(5000)), 1],
    [() => randomString(prng, 100), 1],
  ])();
}

/** A y-protocols awareness update: count, then client id, clock and JSON state of each. */
export function awarenessUpdateBytes(prng: Prng, name: string): Uint8Array {
  const encoder = encoding.createEncoder();
  const count = prng.weighted<number>([
    [1, 8],
    [prng.between(2, 8), 2],
    [prng.size(5000), 1],
  ]);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, clientId(prng));
    encoding.writeVarUint(encoder, clock(prng));
    encoding.writeVarString(encoder, stateJson(prng, name));
    if (encoding.length(encoder) > 500 * 1024) break;
  }
  return encoding.toUint8Array(encoder);
}

export function awarenessUpdate(prng: Prng, name: string): string {
  return toBase64(awarenessUpdateBytes(prng, name));
}

/** An awareness update with its bytes mutated, or claiming a count it does not hold. */
export function mutatedAwarenessUpdate(prng: Prng, name: string): string {
  const real = awarenessUpdateBytes(prng, name);
  if (prng.chance(0.2)) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, prng.pick([2 ** 31, 2 ** 53 - 1, 1_000_000]));
    encoding.writeUint8Array(encoder, real.subarray(1));
    return toBase64(encoding.toUint8Array(encoder));
  }
  return toBase64(mutateBytes(prng, real));
}
