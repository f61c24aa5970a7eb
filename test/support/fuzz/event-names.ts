import { CLIENT_EVENTS } from './valid-payloads.js';
import type { Prng } from './prng.js';
import { PROTOTYPE_KEYS, randomString } from './random-values.js';
import { ServerEvent } from '@mediation/shared';

/**
 * Socket.IO's own event names: its parser refuses these from a client (and closes the
 * connection), but `error` is not among them.
 */
export const RESERVED_EVENT_NAMES = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

/** Event names the protocol does not have: empty, long, prototype names, near misses of real ones. */
export function oddEventName(prng: Prng): string {
  return prng.weighted<() => string>([
    [() => '', 2],
    [() => prng.pick(PROTOTYPE_KEYS), 4],
    [() => prng.pick(['error', 'message', 'ping', 'pong', 'close', 'open', 'data', 'upgrade', 'packet', 'drain']), 3],
    [() => prng.pick(Object.values(ServerEvent)), 2],
    [() => nearMiss(prng, prng.pick(CLIENT_EVENTS)), 4],
    [() => 'e'.repeat(prng.size(600 * 1024)), 1],
    [() => randomString(prng, 200), 3],
    [() => prng.pick(['draft:sync\u0000', 'DRAFT:SYNC', ' room:leave', 'room:leave ', 'media:produce\n', '\u202eevael:moor']), 2],
  ])();
}

function nearMiss(prng: Prng, event: string): string {
  const at = prng.int(event.length);
  return prng.pick([event.slice(0, at), event + event.slice(at), event.replace(':', '.'), event.toUpperCase(), `${event}/`]);
}

/**
 * Numbers as event names: Socket.IO's parser accepts them (`421[1.5,{}]`), so a server
 * listener gets a number where it expects a string.
 */
export function numericEventName(prng: Prng): number {
  return prng.pick([0, 1, -1, 1.5, 42, -0, 2 ** 53, 1e21, Number.MAX_VALUE, 5e-324, prng.int(1000)]);
}
