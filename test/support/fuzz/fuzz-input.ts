/**
 * One fuzz input: what is sent, on which channel, by whom. Inputs are plain data made by
 * the generators in this folder from a seed and an index; the runner sends them.
 */

/** Socket.IO clients (socket.io-client) of the first fuzz case, one per role. */
export const SOCKET_LANES = ['mediator', 'applicant', 'respondent', 'representative', 'interpreter', 'observer'] as const;
export type SocketLaneName = (typeof SOCKET_LANES)[number];

/** Hand-written Engine.IO/Socket.IO clients on a bare WebSocket, of the second fuzz case. */
export const RAW_LANES = ['mediator', 'applicant', 'observer'] as const;
export type RawLaneName = (typeof RAW_LANES)[number];

/** An event sent through socket.io-client, with or without an acknowledgement callback. */
export interface SocketInput {
  channel: 'socket';
  lane: SocketLaneName;
  event: string | number;
  args: unknown[];
  acknowledged: boolean;
  /** The server may close the connection for it (too large, reserved name) instead of answering. */
  mayClose: boolean;
}

/** A WebSocket frame: text (an Engine.IO packet) or binary (an attachment, or junk). */
export type RawFrame = string | Uint8Array;

/** Frames written as they are on an open, authenticated raw connection. */
export interface RawInput {
  channel: 'raw';
  lane: RawLaneName;
  frames: RawFrame[];
  /** The acknowledgement id the frames ask an answer for, when they are a well-formed event. */
  ackId: number | null;
  mayClose: boolean;
}

/** A fresh raw connection whose Socket.IO connect packet carries this text after `40`. */
export interface HandshakeInput {
  channel: 'handshake';
  connectPacket: string;
  /** The token is not a valid one for the room asked: the server must refuse it. */
  mustBeRefused: boolean;
}

export interface HttpInput {
  channel: 'http';
  method: string;
  path: string;
  headers: [string, string][];
  body: Uint8Array | null;
  /** Written byte for byte on a TCP connection instead of through node:http. */
  raw: Uint8Array | null;
}

/** A whole signing of a fresh case, to the issued PDF, with the signature images given. */
export interface SigningWorkflowInput {
  channel: 'workflow';
  /** One image per signer: applicant, respondent, mediator. */
  images: SignatureImageVariant[];
}

export type SignatureImageVariant = 'valid' | 'magic-then-junk' | 'huge-dimensions' | 'truncated' | 'bad-crc';

export type FuzzInputBody = SocketInput | RawInput | HandshakeInput | HttpInput | SigningWorkflowInput;

export type FuzzInput = FuzzInputBody & {
  /** The run's seed and the input's index: enough to make it again. */
  seed: number;
  index: number;
  /** The generator that made it (FUZZ_SKIP names these). */
  className: string;
};

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

/** A short, printable description of an input, for findings and logs. */
export function describeInput(input: FuzzInput, maxLength = 600): string {
  const printable = JSON.stringify(input, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return `<${value.byteLength} bytes: ${Buffer.from(value.subarray(0, 24)).toString('hex')}…>`;
    if (typeof value === 'string') {
      const name = refNameOf(value);
      if (name !== null) return `<${name}>`;
      if (value.length > 120) return `${value.slice(0, 100)}…<${value.length} chars>`;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  });
  return printable.length > maxLength ? `${printable.slice(0, maxLength)}…` : printable;
}
