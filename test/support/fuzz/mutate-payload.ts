import type { Prng } from './prng.js';
import { deeplyNested, hugeString, MAX_BUILT_DEPTH, PROTOTYPE_KEYS, randomString, randomValue, wideArray } from './random-values.js';

/**
 * A valid payload with one to three things wrong: a field of the wrong type, missing or
 * extra, huge, deeply nested; the whole payload swapped for something else.
 */
export function mutatePayload(prng: Prng, valid: unknown): unknown {
  let payload = clone(valid);
  const mutations = prng.between(1, 3);
  for (let i = 0; i < mutations; i++) payload = mutateOnce(prng, payload);
  return payload;
}

function mutateOnce(prng: Prng, payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object' || ArrayBuffer.isView(payload)) return replaceValue(prng, payload);
  if (prng.chance(0.08)) return prng.pick<() => unknown>([() => [payload], () => JSON.stringify(payload), () => null, () => randomValue(prng)])();
  const record = payload as Record<string, unknown>;
  const keys = Object.keys(record);
  const action = keys.length === 0 ? 2 : prng.int(5);
  switch (action) {
    case 0:
      delete record[prng.pick(keys)];
      return record;
    case 1: {
      const key = prng.pick(keys);
      record[key] = prng.chance(0.4) ? mutateOnce(prng, record[key]) : replaceValue(prng, record[key]);
      return record;
    }
    case 2: {
      const key = prng.chance(0.3) ? prng.pick(PROTOTYPE_KEYS) : randomString(prng, 30);
      Object.defineProperty(record, key, { value: randomValue(prng), enumerable: true, writable: true, configurable: true });
      return record;
    }
    case 3: {
      // Descend: the deepest fields are the ones the schemas say least about.
      const key = prng.pick(keys);
      record[key] = mutateOnce(prng, record[key]);
      return record;
    }
    default:
      record[prng.pick(keys)] = prng.chance(0.5) ? hugeString(prng, 600 * 1024) : deeplyNested(prng, prng.size(MAX_BUILT_DEPTH));
      return record;
  }
}

/** Another value for a field: of another type, or of the same type at its limits. */
function replaceValue(prng: Prng, value: unknown): unknown {
  if (typeof value === 'string' && prng.chance(0.5)) {
    return prng.pick<() => unknown>([
      () => value + randomString(prng, 10),
      () => value.slice(0, prng.int(value.length + 1)),
      () => hugeString(prng, 600 * 1024),
      () => value.toUpperCase(),
      () => ` ${value} `,
    ])();
  }
  if (typeof value === 'number' && prng.chance(0.5)) return prng.pick([value + 1, value - 1, -value, value * 1e9, value + 0.5, Number.NaN, Infinity]);
  if (Array.isArray(value) && prng.chance(0.5)) {
    return prng.pick<() => unknown>([
      () => [],
      () => [...value, ...value],
      () => wideArray(prng, prng.size(100_000)),
      () => Array.from(value as unknown[], (item) => mutateOnce(prng, item)),
    ])();
  }
  if (value instanceof Uint8Array && prng.chance(0.5)) return prng.pick<() => unknown>([() => value.slice(1), () => new Uint8Array(0), () => Buffer.from(value).toString('base64'), () => Array.from(value)])();
  return randomValue(prng);
}

/** A copy that keeps binary as binary (structuredClone would, but loses own `__proto__` keys). */
function clone(value: unknown): unknown {
  if (value instanceof Uint8Array) return value.slice();
  if (Array.isArray(value)) return Array.from(value as unknown[], clone);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: clone(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
