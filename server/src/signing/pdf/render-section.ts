import { Font } from './agreement-fonts.js';
import type { PageFlow } from './page-flow.js';
import type { PdfDocument } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';

const HEADING_GAP = 4;
/** Under a section's body, before what follows it. */
export const SECTION_GAP = 8;

/** A section heading's height with the gap under it, as renderSection draws it. */
export function sectionHeadingHeight(doc: PdfDocument, heading: string): number {
  return doc.font(Font.bold).fontSize(FONT_SIZE.heading).heightOfString(heading, { width: CONTENT_WIDTH }) + HEADING_GAP;
}

/**
 * A heading and its section's body. The heading goes on a page only with the opening of
 * what follows it (`openingHeight`, measured by the caller): a heading alone at the foot of
 * a page would be parted from what it names.
 */
export function renderSection(flow: PageFlow, heading: string, openingHeight: number, body: () => void): void {
  const { doc } = flow;
  const height = sectionHeadingHeight(doc, heading);
  flow.keep(height + openingHeight);
  flow.record(
    'heading',
    height - HEADING_GAP,
    () => doc.font(Font.bold).fontSize(FONT_SIZE.heading).fillColor(COLOR.text).text(heading, PAGE.margins.left, doc.y, { width: CONTENT_WIDTH }),
    true,
  );
  doc.y += HEADING_GAP;
  body();
  doc.y += SECTION_GAP;
}
