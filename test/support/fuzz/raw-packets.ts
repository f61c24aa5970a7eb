import { ClientEvent, type ClientEventName } from '@mediation/shared';
import type { RawFrame } from './fuzz-input.js';
import { mutatePayload } from './mutate-payload.js';
import type { Prng } from './prng.js';
import { deeplyNestedText, NON_FINITE_TEXT, randomValue } from './random-values.js';
import { CLIENT_EVENTS, validPayload } from './valid-payloads.js';

/**
 * Engine.IO and Socket.IO packets written by hand, as text frames on a bare WebSocket:
 * `4` is an Engine.IO message, then the Socket.IO packet type (`2` event, `3` ack,
 * `5` binary event with its attachment count and `-`), an optional ack id and the JSON.
 */
export interface RawPackets {
  frames: RawFrame[];
  ackId: number | null;
  mayClose: boolean;
}

/** The largest WebSocket message the service takes (its maxHttpBufferSize). */
export const MAX_FRAME_BYTES = 512 * 1024 + 64 * 1024;

function ackIdOf(prng: Prng): number {
  return prng.int(1_000_000);
}

/** A well-formed event with an acknowledgement id: valid, mutated or random arguments. */
export function rawEvent(prng: Prng, selfName: string): RawPackets {
  const event: ClientEventName = prng.pick(CLIENT_EVENTS);
  const valid = validPayload(prng, event, selfName);
  const payload = prng.weighted<() => unknown>([
    [() => valid, 3],
    [() => mutatePayload(prng, valid), 4],
    [() => randomValue(prng), 2],
  ])();
  const ackId = ackIdOf(prng);
  let json = JSON.stringify([event, payload === undefined ? null : payload], (_key, value: unknown) =>
    value instanceof Uint8Array ? Array.from(value) : value,
  );
  // Past the largest frame the server closes the connection; after `room:leave` it does too.
  let mayClose = Buffer.byteLength(json) + 8 > MAX_FRAME_BYTES || event === ClientEvent.leave;
  if (prng.chance(0.25)) {
    // A number JSON cannot carry, where a number or any value stood.
    const token = prng.pick(NON_FINITE_TEXT);
    const spliced = json.replace(/(:|\[|,)(-?\d+(\.\d+)?|null|true|false)(?=[,}\]])/, `$1${token}`);
    if (spliced !== json) {
      json = spliced;
      mayClose ||= !isJson(token);
    }
  }
  return { frames: [`42${ackId}${json}`], ackId, mayClose };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `421[1.5,{}]`: a number where the event name goes, with or without an acknowledgement. */
export function rawNumericEvent(prng: Prng): RawPackets {
  const name = prng.pick(['1.5', '0', '-0', '42', '1e400', '-1e400', '1e21', '5e-324', '123456789012345678901234567890', '-1']);
  const rest = prng.pick(['', ',{}', ',null', ',{"document":"notes"}', ',1,2,3']);
  const ackId = prng.chance(0.8) ? ackIdOf(prng) : null;
  return { frames: [`42${ackId ?? ''}[${name}${rest}]`], ackId, mayClose: false };
}

/** Packets of types that do not exist, JSON that does not parse, ids that are not numbers. */
export function rawBadPacket(prng: Prng): RawPackets {
  const frame = prng.pick<() => string>([
    () => prng.pick(['', '7', '8', '9', 'x', '4', '4x', '47', '48', '49[]', '4a', '4 ', '44"x"', '44{}', '46', '43', '43[]']),
    () => prng.pick(['42[', '42]', '42{"a":1}', '42"str"', '42[]', '42[null]', '42[{}]', '42[true]', '42[[]]', '42[["room:leave"]]', '42 ["room:leave",{}]']),
    () => prng.pick(['42999999999999999999999["room:leave",{}]', '42-1["room:leave",{}]', '420x10["room:leave",{}]', '421.5["room:leave",{}]']),
    () => prng.pick(['42["disconnect"]', '42["newListener",{}]', '421["connect",{}]', '42["disconnecting","x"]']),
    () => prng.pick(['40/admin,{}', '42/admin,["room:leave",{}]', '40/,{}', '42/,["x"]', '40/../,{}', '41/admin,']),
    () => `42${deeplyNestedText(prng, prng.size(200_000))}`,
    () => `421["signing:get-state",${deeplyNestedText(prng, prng.size(200_000))}]`,
    () => `42["signing:get-state",{}]${'x'.repeat(prng.size(100))}`,
    () => `42["${'\\u0000'.repeat(prng.size(100))}",{}]`,
    () => `42["\\ud800",{}]`,
  ])();
  return { frames: [frame], ackId: null, mayClose: true };
}

/** Binary events whose attachments do not come, do not fit, or come without an event. */
export function rawBinaryPlaceholder(prng: Prng): RawPackets {
  const ackId = ackIdOf(prng);
  const placeholder = (num: unknown) => `{"_placeholder":true,"num":${JSON.stringify(num)}}`;
  const sign = (image: string, signature: string) =>
    `["signing:sign",{"version":1,"agreementHash":"${'a'.repeat(64)}","typedName":"x","signatureImage":${image},"publicKey":{"kty":"EC","crv":"P-256","x":"${'A'.repeat(43)}","y":"${'A'.repeat(43)}"},"signature":${signature}}]`;
  const bytes = prng.bytes(prng.size(200));
  return prng.pick<() => RawPackets>([
    () => ({ frames: ['45-'], ackId: null, mayClose: true }),
    () => ({ frames: [`45-${ackId}["draft:sync",{}]`], ackId: null, mayClose: true }),
    () => ({ frames: [`451-${ackId}["draft:sync",${placeholder(0)}]`], ackId: null, mayClose: true }),
    () => ({ frames: [`452-${ackId}${sign(placeholder(0), placeholder(1))}`, bytes], ackId: null, mayClose: true }),
    () => ({ frames: [`451-${ackId}${sign(placeholder(prng.pick([1, -1, 0.5, '0', null, 1e400])), placeholder(0))}`, bytes], ackId: null, mayClose: true }),
    () => ({ frames: [`451-${ackId}${sign(placeholder(0), placeholder(0))}`, bytes], ackId, mayClose: false }),
    () => ({ frames: [`451-${ackId}["draft:sync",{"document":"notes","message":${placeholder(0)}}]`, bytes], ackId, mayClose: false }),
    () => ({ frames: [`42${ackId}${sign(placeholder(0), placeholder(1))}`], ackId, mayClose: false }),
    () => ({ frames: [`${prng.pick(['4510000000', '459007199254740993', '451e3'])}-${ackId}["x",${placeholder(0)}]`, bytes], ackId: null, mayClose: true }),
    () => ({ frames: [`461-${ackId}[${placeholder(0)}]`, bytes], ackId: null, mayClose: true }),
  ])();
}

/** A binary WebSocket frame with no binary event before it. */
export function rawBinaryFrame(prng: Prng): RawPackets {
  return { frames: [prng.bytes(prng.size(64 * 1024))], ackId: null, mayClose: true };
}

/** A frame at or past the largest message the service takes. */
export function rawOversized(prng: Prng): RawPackets {
  const over = prng.chance(0.7);
  const length = over ? MAX_FRAME_BYTES + prng.size(512 * 1024) : MAX_FRAME_BYTES - 64;
  const ackId = ackIdOf(prng);
  const prefix = `42${ackId}["draft:sync",{"document":"notes","message":"`;
  const body = 'A'.repeat(Math.max(0, length - prefix.length - 4));
  return { frames: [`${prefix}${body}"}]`], ackId: over ? null : ackId, mayClose: true };
}

/** Engine.IO control packets out of turn: pings, probes, upgrades, noops, a close; Socket.IO disconnects. */
export function rawEngineControl(prng: Prng): RawPackets {
  const frame = prng.pick(['1', '2', '3', '2probe', '3probe', '5', '6', '2x', '0', '0{}', '40', '40{}', '41', '4']);
  return { frames: [frame], ackId: null, mayClose: true };
}

/** Acknowledgements the server never asked for. */
export function rawUnaskedAck(prng: Prng): RawPackets {
  const id = prng.pick([0, 1, ackIdOf(prng), -1]);
  const body = prng.pick(['[]', '[{}]', '[{"consumerIds":["x"]}]', '[null]', `[${deeplyNestedText(prng, prng.size(1000))}]`]);
  return { frames: [`43${id}${body}`], ackId: null, mayClose: true };
}
