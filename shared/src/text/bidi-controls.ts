/**
 * Unicode's bidirectional formatting characters: the Arabic letter mark (U+061C), the
 * left-to-right and right-to-left marks (U+200E, U+200F), the embeddings and overrides
 * LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and the isolates LRI, RLI, FSI, PDI
 * (U+2066–U+2069). They are invisible and make a browser reorder the characters around
 * them, while the signed PDF draws text in the order it is stored (fontkit applies no
 * bidirectional algorithm): "1000" after an RLO reads differently on screen and on paper.
 * Nothing that is signed or sealed may hold them.
 */
const BIDI_CONTROL_CLASS = '[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]';

/** Matches the first bidirectional control character of a string. */
export const BIDI_CONTROL = new RegExp(BIDI_CONTROL_CLASS);
const EVERY_BIDI_CONTROL = new RegExp(BIDI_CONTROL_CLASS, 'g');

/** What a person is told when a field holds one. */
export const BIDI_CONTROL_MESSAGE =
  'must not contain invisible text-direction characters (such as U+202E), which make text read differently on screen and in the signed PDF';

export function containsBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** The text without its bidirectional control characters: what typing or pasting keeps. */
export function stripBidiControls(text: string): string {
  return containsBidiControl(text) ? text.replace(EVERY_BIDI_CONTROL, '') : text;
}

/** The code point of the first bidirectional control in `text`, as U+XXXX, for messages. */
export function firstBidiControl(text: string): string | null {
  const found = BIDI_CONTROL.exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}
