import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { PdfDocument } from './pdf-document.js';

/** Font names as registered on each document. */
export const Font = {
  regular: 'NotoSansSC-Regular',
  bold: 'NotoSansSC-Bold',
  /** Hashes, addresses and ids: ASCII only, where equal-width digits line up. */
  mono: 'Courier',
} as const;

const require = createRequire(import.meta.url);
// The package's own entry point is for Expo; the TrueType files sit beside its package.json.
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

let opened: { regular: fontkit.Font; bold: fontkit.Font } | undefined;

/**
 * Noto Sans SC, parsed once per process (each file is about 10 MB) and shared by every
 * document; pdfkit embeds only the glyphs a document uses.
 */
export function notoSansSc() {
  opened ??= {
    regular: laidOutLeftToRight(fontkit.openSync(path.join(fontDir, '400Regular/NotoSansSC_400Regular.ttf')) as fontkit.Font),
    bold: laidOutLeftToRight(fontkit.openSync(path.join(fontDir, '700Bold/NotoSansSC_700Bold.ttf')) as fontkit.Font),
  };
  return opened;
}

/**
 * fontkit has no bidirectional algorithm. pdfkit hands it one word at a time, and fontkit
 * reverses every glyph of a word whose first letter is of a right-to-left script, digits and
 * Latin included: "ا1000" would be drawn "0001ا", where a browser keeps "1000" in order.
 * Laid out left to right always, every character is drawn in the order it is stored; the
 * bidirectional controls that would make a browser reorder text are refused before they reach
 * a document (shared/src/text/bidi-controls.ts), and fontkit draws them as nothing anyway.
 */
function laidOutLeftToRight(font: fontkit.Font): fontkit.Font {
  const layout = font.layout.bind(font);
  font.layout = (text, features, script, language) =>
    layout(withoutInvisibles(text), withLatinQuotes(text, features), script, language, 'ltr');
  return font;
}

/** Curly quotes and apostrophes inside a Latin word ("party’s"). */
const QUOTE_IN_LATIN = /[A-Za-z][‘’“”]|[‘’“”][A-Za-z]/u;

/**
 * Noto Sans SC draws curly quotes a full em wide, as Chinese sets them: "party’ s". Within
 * Latin words they take the font's proportional forms (OpenType `pwid`), as English sets them.
 */
function withLatinQuotes(text: string, features: Parameters<fontkit.Font['layout']>[1]): Parameters<fontkit.Font['layout']>[1] {
  if (!QUOTE_IN_LATIN.test(text)) return features;
  if (Array.isArray(features)) return [...features, 'pwid'];
  return { ...(features ?? {}), pwid: true };
}

/**
 * Characters a browser draws as nothing (zero-width joiners and spaces, soft hyphens, word
 * joiners, variation selectors: Unicode's default-ignorable code points). Noto Sans SC has
 * no glyph for most of them, and fontkit would draw its "missing" box where the signer saw
 * nothing; the PDF shows what the browser showed.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Courier's ascender (its AFM says 629 of 1000). */
const COURIER_ASCENT = 0.629;

/**
 * Where to put the top of Courier text of `monoSize` so that its baseline sits on the
 * baseline of Noto Sans SC text of `textSize` set at `top`: Noto's ascender is nearly
 * twice Courier's, so the same top puts the hash visibly higher than its label.
 */
export function monoTopAligned(top: number, textSize: number, monoSize: number): number {
  const { regular } = notoSansSc();
  return top + (regular.ascent / regular.unitsPerEm) * textSize - COURIER_ASCENT * monoSize;
}

export function registerAgreementFonts(doc: PdfDocument): void {
  const fonts = notoSansSc();
  // pdfkit takes an opened fontkit font as it is (it checks for `layout`); its types say only paths and buffers.
  doc.registerFont(Font.regular, fonts.regular as unknown as string);
  doc.registerFont(Font.bold, fonts.bold as unknown as string);
}
