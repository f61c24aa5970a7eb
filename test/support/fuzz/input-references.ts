/**
 * Values that only the connection knows when the input is sent (its transport ids, the
 * frozen version, a valid signature...) are written as references and resolved then.
 */
const REF_PREFIX = '\u0001ref:';

export function ref(name: RefName): string {
  return REF_PREFIX + name;
}

export type RefName =
  | 'sendTransportId'
  | 'recvTransportId'
  | 'producerId'
  | 'consumerId'
  | 'routerRtpCapabilities'
  | 'frozenVersion'
  | 'frozenHash'
  | 'versionId'
  | 'clauseId'
  | 'selfId'
  | 'selfName'
  | 'otherParticipantId'
  | 'liveParticipantId'
  | 'publicKey'
  | 'signature'
  | `localEdit:${string}`;

export function refNameOf(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(REF_PREFIX) ? value.slice(REF_PREFIX.length) : null;
}

/** Replaces every reference inside a value (objects, arrays, strings) with what `lookUp` gives. */
export async function resolveRefs(value: unknown, lookUp: (name: string) => Promise<unknown>): Promise<unknown> {
  const names = refNamesIn(value);
  if (names.size === 0) return value;
  const values = new Map(await Promise.all([...names].map(async (name) => [name, await lookUp(name)] as const)));
  return replaceRefs(value, values);
}

/** The references in a value, found without recursion: fuzzed values nest deeper than the stack. */
function refNamesIn(value: unknown): Set<string> {
  const names = new Set<string>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    const name = refNameOf(item);
    if (name !== null) names.add(name);
    else if (Array.isArray(item)) pending.push(...item);
    else if (isPlainContainer(item)) pending.push(...Object.values(item as object));
  }
  return names;
}

function replaceRefs(value: unknown, values: Map<string, unknown>): unknown {
  const name = refNameOf(value);
  if (name !== null) return values.get(name);
  // Array.from, not map: a fuzzed array may carry an own `constructor` key, which map would use.
  if (Array.isArray(value)) return refNamesIn(value).size === 0 ? value : Array.from(value as unknown[], (item) => replaceRefs(item, values));
  if (isPlainContainer(value) && refNamesIn(value).size > 0) {
    // defineProperty keeps keys such as `__proto__` as own properties, as the generator made them.
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as object)) {
      Object.defineProperty(out, key, { value: replaceRefs(item, values), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function isPlainContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);
}

/** The same inside JSON text already written into a raw frame. */
export async function resolveRefsInText(text: string, lookUp: (name: string) => Promise<unknown>): Promise<string> {
  // A reference a mutation spliced text into is no longer one: only whole names are replaced.
  const pattern = /"\\u0001ref:([A-Za-z][\w:-]*)"/g;
  const names = [...new Set([...text.matchAll(pattern)].map((match) => match[1]!))];
  if (names.length === 0) return text;
  const values = new Map(await Promise.all(names.map(async (name) => [name, JSON.stringify(await lookUp(name)) ?? 'null'] as const)));
  return text.replace(pattern, (_match, name: string) => values.get(name)!);
}
