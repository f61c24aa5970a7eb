/**
 * Caret and name-tag colours: dark enough for white text on them (contrast of 4.5:1 or more)
 * and far enough apart that the few people of one room tell their carets apart.
 */
export const PARTICIPANT_COLORS = [
  '#1f6feb',
  '#b3261e',
  '#1e7a46',
  '#8250df',
  '#b35900',
  '#0b7285',
  '#c2255c',
  '#5c6f00',
  '#6741d9',
  '#7a4e2d',
] as const;

/**
 * The colour of one participant, the same on every screen and in every session: it is
 * derived from the participant's id (FNV-1a), not from the order people joined in.
 */
export function participantColor(participantId: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < participantId.length; index++) {
    hash ^= participantId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return PARTICIPANT_COLORS[(hash >>> 0) % PARTICIPANT_COLORS.length]!;
}
