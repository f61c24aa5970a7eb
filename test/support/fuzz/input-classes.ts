import { ClientEvent, DraftDocument, type ClientEventName } from '@mediation/shared';
import { awarenessUpdate, mutatedAwarenessUpdate } from './awareness-updates.js';
import { numericEventName, oddEventName, RESERVED_EVENT_NAMES } from './event-names.js';
import { RAW_LANES, SOCKET_LANES, type FuzzInput, type FuzzInputBody, type RawLaneName, type SignatureImageVariant, type SocketInput, type SocketLaneName } from './fuzz-input.js';
import { handshakePacket } from './handshake-packets.js';
import { httpJunkPathRequest, httpRawRequest, httpRouteRequest, httpVerifyPdfRequest } from './http-requests.js';
import { mutatePayload } from './mutate-payload.js';
import { Prng } from './prng.js';
import {
  MAX_FRAME_BYTES,
  rawBadPacket,
  rawBinaryFrame,
  rawBinaryPlaceholder,
  rawEngineControl,
  rawEvent,
  rawNumericEvent,
  rawOversized,
  rawUnaskedAck,
  type RawPackets,
} from './raw-packets.js';
import { randomValue } from './random-values.js';
import { CLIENT_EVENTS, DOCUMENTS, validPayload } from './valid-payloads.js';
import { mutatedYjsUpdate, syncMessage } from './yjs-updates.js';

/** What generating an input needs to know of the run: the display name behind each connection. */
export interface GeneratorContext {
  socketNames: Record<SocketLaneName, string>;
  rawNames: Record<RawLaneName, string>;
}

interface InputClass {
  /** The name FUZZ_SKIP takes to leave this class out. */
  name: string;
  /** Relative frequency. */
  weight: number;
  generate(prng: Prng, context: GeneratorContext): FuzzInputBody;
}

function socketInput(lane: SocketLaneName, event: string | number, args: unknown[], acknowledged = true): SocketInput {
  return { channel: 'socket', lane, event, args, acknowledged, mayClose: mayExceedFrame(args) };
}

/** Whether the encoded message may be past the service's largest frame (it then closes the connection). */
function mayExceedFrame(args: unknown[]): boolean {
  let size = 0;
  try {
    const json = JSON.stringify(args, (_key, value: unknown) => (value instanceof Uint8Array || value instanceof ArrayBuffer ? value.byteLength : value));
    size = Math.max(Buffer.byteLength(json ?? ''), largestAttachment(args));
  } catch {
    return true;
  }
  return size > MAX_FRAME_BYTES - 1024;
}

/** Socket.IO sends each attachment as a frame of its own, each held to the limit. */
function largestAttachment(args: unknown[]): number {
  let largest = 0;
  const pending: unknown[] = [...args];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item instanceof Uint8Array || item instanceof ArrayBuffer) largest = Math.max(largest, item.byteLength);
    else if (item !== null && typeof item === 'object') pending.push(...Object.values(item));
  }
  return largest;
}

function rawInput(lane: RawLaneName, packets: RawPackets): FuzzInputBody {
  return { channel: 'raw', lane, ...packets };
}

const IMAGE_VARIANTS: SignatureImageVariant[] = ['valid', 'magic-then-junk', 'huge-dimensions', 'truncated', 'bad-crc'];

/** Every class of input, in the order a run first takes one of each. */
export const INPUT_CLASSES: InputClass[] = [
  {
    name: 'socket:valid',
    weight: 10,
    generate: (prng, context) => {
      const lane = prng.pick(SOCKET_LANES);
      const event = prng.pick(CLIENT_EVENTS);
      return socketInput(lane, event, [validPayload(prng, event, context.socketNames[lane])], event !== ClientEvent.draftPush);
    },
  },
  {
    name: 'socket:mutated',
    weight: 14,
    generate: (prng, context) => {
      const lane = prng.pick(SOCKET_LANES);
      const event = prng.pick(CLIENT_EVENTS);
      const payload = mutatePayload(prng, validPayload(prng, event, context.socketNames[lane]));
      return socketInput(lane, event, [payload], event !== ClientEvent.draftPush || prng.chance(0.3));
    },
  },
  {
    name: 'socket:random',
    weight: 5,
    generate: (prng) => {
      const event = prng.pick(CLIENT_EVENTS);
      const args = Array.from({ length: prng.int(4) }, () => randomValue(prng));
      return socketInput(prng.pick(SOCKET_LANES), event, args);
    },
  },
  {
    name: 'socket:yjs-mutated',
    weight: 8,
    generate: (prng) => {
      const event = prng.pick<ClientEventName>([ClientEvent.draftSync, ClientEvent.draftPush]);
      const lane = prng.chance(0.6) ? 'mediator' : prng.pick(SOCKET_LANES);
      const document = prng.chance(0.9) ? prng.pick(DOCUMENTS) : DraftDocument.agreement;
      const message = syncMessage(prng, mutatedYjsUpdate(prng), prng.weighted<number>([[2, 5], [1, 3], [0, 1], [prng.int(300), 1]]));
      return socketInput(lane, event, [{ document, message }], event === ClientEvent.draftSync);
    },
  },
  {
    name: 'socket:awareness',
    weight: 5,
    generate: (prng, context) => {
      const lane = prng.pick(SOCKET_LANES);
      const someone = context.socketNames[prng.pick(SOCKET_LANES)];
      const update = prng.weighted<() => string>([
        [() => awarenessUpdate(prng, context.socketNames[lane]), 4],
        [() => mutatedAwarenessUpdate(prng, context.socketNames[lane]), 4],
        [() => awarenessUpdate(prng, someone), 2],
      ])();
      return socketInput(lane, ClientEvent.draftAwareness, [{ document: prng.pick(DOCUMENTS), update }]);
    },
  },
  {
    name: 'socket:odd-event-name',
    weight: 3,
    generate: (prng) => {
      const reserved = prng.chance(0.1);
      const event = reserved ? prng.pick(RESERVED_EVENT_NAMES) : oddEventName(prng);
      const input = socketInput(prng.pick(SOCKET_LANES), event, [prng.chance(0.5) ? {} : randomValue(prng)]);
      return { ...input, mayClose: input.mayClose || reserved || event.length > MAX_FRAME_BYTES - 1024 };
    },
  },
  {
    name: 'socket:numeric-event-name',
    weight: 1,
    generate: (prng) => socketInput(prng.pick(SOCKET_LANES), numericEventName(prng), [prng.chance(0.5) ? {} : randomValue(prng)], prng.chance(0.8)),
  },
  {
    name: 'socket:no-ack',
    weight: 4,
    generate: (prng, context) => {
      const lane = prng.pick(SOCKET_LANES);
      const event = prng.chance(0.8) ? prng.pick(CLIENT_EVENTS) : oddEventName(prng);
      const valid = CLIENT_EVENTS.includes(event as ClientEventName) ? validPayload(prng, event as ClientEventName, context.socketNames[lane]) : {};
      const input = socketInput(lane, event, prng.chance(0.3) ? [] : [prng.chance(0.5) ? valid : mutatePayload(prng, valid)], false);
      return { ...input, mayClose: input.mayClose || event.length > MAX_FRAME_BYTES - 1024 };
    },
  },
  {
    name: 'socket:binary',
    weight: 3,
    generate: (prng, context) => {
      const lane = prng.pick(SOCKET_LANES);
      const event = prng.pick(CLIENT_EVENTS);
      const payload = withBinary(prng, validPayload(prng, event, context.socketNames[lane]));
      const args = prng.chance(0.2) ? [payload, prng.bytes(prng.size(1024))] : [payload];
      return socketInput(lane, event, args, event !== ClientEvent.draftPush || prng.chance(0.5));
    },
  },
  {
    name: 'raw:event',
    weight: 8,
    generate: (prng, context) => {
      const lane = prng.pick(RAW_LANES);
      return rawInput(lane, rawEvent(prng, context.rawNames[lane]));
    },
  },
  { name: 'raw:numeric-event-name', weight: 1, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawNumericEvent(prng)) },
  { name: 'raw:bad-packet', weight: 3, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawBadPacket(prng)) },
  { name: 'raw:binary-placeholder', weight: 2, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawBinaryPlaceholder(prng)) },
  { name: 'raw:binary-frame', weight: 1, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawBinaryFrame(prng)) },
  { name: 'raw:oversized', weight: 1, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawOversized(prng)) },
  { name: 'raw:engine-control', weight: 2, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawEngineControl(prng)) },
  { name: 'raw:unasked-ack', weight: 1, generate: (prng) => rawInput(prng.pick(RAW_LANES), rawUnaskedAck(prng)) },
  { name: 'handshake', weight: 3, generate: (prng) => ({ channel: 'handshake', ...handshakePacket(prng) }) },
  { name: 'http:route', weight: 12, generate: (prng) => httpRouteRequest(prng) },
  { name: 'http:junk-path', weight: 3, generate: (prng) => httpJunkPathRequest(prng) },
  { name: 'http:verify-pdf', weight: 2, generate: (prng) => httpVerifyPdfRequest(prng) },
  { name: 'http:raw', weight: 2, generate: (prng) => httpRawRequest(prng) },
  {
    name: 'workflow:signing',
    weight: 0.01,
    generate: (prng) => ({ channel: 'workflow', images: Array.from({ length: 3 }, () => prng.weighted(IMAGE_VARIANTS.map((variant, i) => [variant, i === 0 ? 2 : 1] as const))) }),
  },
];

export const INPUT_CLASS_NAMES = INPUT_CLASSES.map((inputClass) => inputClass.name);

/**
 * Input `index` of a run seeded with `seed`. The first inputs take each class once, so a
 * short run covers them all; after that classes come by weight. A class in `skip` is drawn
 * again, so every other input stays what it was without the skip.
 */
export function generateInput(seed: number, index: number, context: GeneratorContext, skip: ReadonlySet<string> = new Set()): FuzzInput {
  if (INPUT_CLASSES.every((inputClass) => skip.has(inputClass.name))) throw new Error('every input class is skipped');
  const prng = Prng.forInput(seed, index);
  const byWeight = () => prng.weighted(INPUT_CLASSES.map((inputClass) => [inputClass, inputClass.weight] as const));
  let chosen = index < INPUT_CLASSES.length ? INPUT_CLASSES[index]! : byWeight();
  while (skip.has(chosen.name)) chosen = byWeight();
  return { ...chosen.generate(prng, context), seed, index, className: chosen.name };
}

/** FUZZ_SKIP: class names separated by commas, each one of INPUT_CLASS_NAMES. */
export function parseSkip(text: string | undefined): Set<string> {
  const names = (text ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!INPUT_CLASS_NAMES.includes(name)) throw new Error(`FUZZ_SKIP names no input class: ${name} (classes: ${INPUT_CLASS_NAMES.join(', ')})`);
  }
  return new Set(names);
}

/** A payload with binary where the schema wants something else, or beside it. */
function withBinary(prng: Prng, payload: unknown): unknown {
  const bytes = prng.pick<() => unknown>([
    () => prng.bytes(prng.size(4096)),
    () => Buffer.from(prng.bytes(prng.size(256))),
    () => prng.bytes(prng.size(4096)).buffer,
    () => new Uint8Array(0),
  ])();
  if (payload === null || typeof payload !== 'object' || prng.chance(0.2)) return bytes;
  const record = { ...(payload as Record<string, unknown>) };
  const keys = Object.keys(record);
  if (keys.length > 0 && prng.chance(0.7)) record[prng.pick(keys)] = bytes;
  else record[prng.chance(0.5) ? 'attachment' : '_placeholder'] = bytes;
  return record;
}
