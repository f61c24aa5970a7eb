import { Font } from './agreement-fonts.js';
import type { PdfDocument } from './pdf-document.js';

/** Stamp ink: the seal's red, a little translucent so what it is stamped over still reads. */
const INK = '#d21f26';
const INK_OPACITY = 0.88;
/** The name runs along at most this much of the ring, centred on the top (degrees). */
const MAX_SPAN = 250;
const MIN_SPAN = 140;
/** Space between the name's characters, as a share of a character's width. */
const TRACKING = 0.22;

export interface SealPlace {
  /** The seal's centre, in the page's coordinates (points from the top left). */
  x: number;
  y: number;
  radius: number;
}

/**
 * The committee's round seal as a people's mediation committee stamps it: a red ring, the
 * committee's name along its upper arc read clockwise, and a five-pointed star in the middle.
 * It is drawn from the name alone, so every agreement a committee issues bears the same seal.
 */
export function drawCommitteeSeal(doc: PdfDocument, committeeName: string, place: SealPlace): void {
  const { x, y, radius } = place;
  const ring = radius * 0.065;
  const keep = { x: doc.x, y: doc.y };
  doc.save();
  doc.fillOpacity(INK_OPACITY).strokeOpacity(INK_OPACITY).fillColor(INK).strokeColor(INK);
  doc.lineWidth(ring).circle(x, y, radius - ring / 2).stroke();
  drawStar(doc, x, y, radius * 0.3);
  drawNameOnArc(doc, [...committeeName.trim()], place, radius - ring - radius * 0.07);
  doc.restore();
  doc.x = keep.x;
  doc.y = keep.y;
}

function drawStar(doc: PdfDocument, x: number, y: number, outer: number): void {
  const inner = outer * 0.382;
  const points: [number, number][] = [];
  for (let index = 0; index < 10; index++) {
    const radius = index % 2 === 0 ? outer : inner;
    const angle = (index * Math.PI) / 5;
    points.push([x + radius * Math.sin(angle), y - radius * Math.cos(angle)]);
  }
  doc.polygon(...points).fill();
}

/** Each character upright to the ring, its top towards the rim; the name shrinks to fit. */
function drawNameOnArc(doc: PdfDocument, characters: string[], place: SealPlace, outerRadius: number): void {
  if (characters.length === 0) return;
  doc.font(Font.bold);
  const unitWidths = characters.map((character) => doc.fontSize(1).widthOfString(character));
  const unitLength = unitWidths.reduce((sum, width) => sum + width * (1 + TRACKING), 0);
  let size = place.radius * 0.25;
  // The arc at the characters' middle shrinks as they grow: settle the size in a few steps.
  for (let step = 0; step < 4; step++) {
    const middle = outerRadius - size / 2;
    size = Math.min(place.radius * 0.25, ((MAX_SPAN * Math.PI) / 180) * middle / unitLength);
  }
  const middle = outerRadius - size / 2;
  const natural = ((unitLength * size) / middle) * (180 / Math.PI);
  const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, natural));
  // What the characters themselves cover; the rest of the span is spread evenly between them.
  const glyphs = natural / (1 + TRACKING);
  const spread = (span - glyphs) / characters.length;

  doc.fontSize(size);
  const lineHeight = doc.currentLineHeight();
  let angle = -span / 2 + spread / 2;
  characters.forEach((character, index) => {
    const width = (unitWidths[index] ?? 0) * size;
    const sweep = (width / middle) * (180 / Math.PI);
    const centre = angle + sweep / 2;
    const radians = (centre * Math.PI) / 180;
    const px = place.x + middle * Math.sin(radians);
    const py = place.y - middle * Math.cos(radians);
    doc.save();
    doc.rotate(centre, { origin: [px, py] });
    doc.text(character, px - width / 2, py - lineHeight / 2, { lineBreak: false });
    doc.restore();
    angle += sweep + spread;
  });
}
