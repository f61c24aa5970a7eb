import type { Prng } from './prng.js';
import { deeplyNestedText, randomValue } from './random-values.js';

/**
 * Join tokens a handshake may carry, made by the runner (which knows the service's secret):
 * - `valid`: a participant's own link for its own room;
 * - `live`: a valid link of the live case (another room);
 * - `alg-none`, `other-secret`, `tampered` (claims changed, signature kept): not the service's;
 * - `expired`, `unknown-participant`, `live-participant` (someone of the live case, claiming the
 *   fuzz room), `no-subject`, `account-session` (a committee account's sign-in token): signed
 *   with the service's secret, but not a valid place in the room;
 * - `huge-name`: valid, with a 10,000-character name.
 */
export const TOKEN_VARIANTS = [
  'valid',
  'live',
  'alg-none',
  'other-secret',
  'tampered',
  'expired',
  'unknown-participant',
  'live-participant',
  'no-subject',
  'account-session',
  'huge-name',
] as const;
export type TokenVariant = (typeof TOKEN_VARIANTS)[number];

const ACCEPTABLE: ReadonlySet<TokenVariant> = new Set(['valid', 'huge-name']);

/** The text after `40`: the handshake's auth object (or not an object at all). */
export function handshakePacket(prng: Prng): { connectPacket: string; mustBeRefused: boolean } {
  if (prng.chance(0.25)) {
    const junk = prng.pick<() => string>([
      () => '',
      () => '[]',
      () => '"token"',
      () => 'null',
      () => '{',
      () => JSON.stringify({ token: randomValue(prng), roomId: randomValue(prng) }) ?? '{}',
      () => JSON.stringify({ token: { $ne: null }, roomId: { $gt: '' } }),
      () => `{"token":${deeplyNestedText(prng, prng.size(100_000))}}`,
      () => '/admin,{}',
      () => JSON.stringify({ token: 'x'.repeat(prng.size(400_000)) }),
    ])();
    return { connectPacket: junk, mustBeRefused: true };
  }
  const token = prng.pick(TOKEN_VARIANTS);
  const room = prng.weighted<'own' | 'live' | 'random'>([
    ['own', 6],
    // The live observer's own link for the live room is valid: it would take the observer's place.
    ['live', token === 'live' ? 0 : 2],
    ['random', 1],
  ]);
  const auth = {
    token: `\u0001ref:token:${token}`,
    roomId: room === 'random' ? prng.pick(['', 'x', '00000000-0000-0000-0000-000000000000']) : `\u0001ref:room:${room}`,
    // Connecting ahead of joining (transports made, nobody told), or something that is not `true`.
    ...(prng.chance(0.3) ? { prepare: prng.chance(0.8) ? true : randomValue(prng) } : {}),
  };
  return { connectPacket: JSON.stringify(auth), mustBeRefused: !ACCEPTABLE.has(token) || room !== 'own' };
}
