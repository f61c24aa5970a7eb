import { isCanonicalText, orderedListMarker, type CanonicalNode, type CanonicalText } from '@mediation/shared';
import { Font } from './agreement-fonts.js';
import type { PdfDocument, PdfTextOptions } from './pdf-document.js';
import { COLOR, LINE_GAP, PAGE, PARAGRAPH_GAP } from './pdf-layout.js';

export interface TextBox {
  x: number;
  width: number;
  fontSize: number;
}

/** How far list items are indented past their marker. */
const LIST_INDENT = 18;
/** List items sit closer together than paragraphs. */
const LIST_ITEM_GAP = 1;

/**
 * Draws the agreement's rich text (paragraphs, headings, bullet and ordered lists, bold,
 * underline, strike-through, hard breaks) from doc.y down, left-aligned: justified text
 * would stretch only the spaces of Latin words and leave Chinese lines ragged anyway.
 * The structure is the one richTextLines reads in shared/.
 */
export function renderRichText(doc: PdfDocument, nodes: CanonicalNode[], box: TextBox, paragraphGap = PARAGRAPH_GAP): void {
  const inline: CanonicalText[] = [];
  for (const node of nodes) {
    if (isCanonicalText(node)) {
      inline.push(node);
      continue;
    }
    if (inline.length > 0) renderParagraph(doc, inline.splice(0), box, false, paragraphGap);
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      renderList(doc, node.type, node.attrs, node.content, box);
      doc.y += paragraphGap - LIST_ITEM_GAP;
    } else if (node.type === 'listItem' || node.type === 'blockquote') {
      renderRichText(doc, node.content, box, paragraphGap);
    } else {
      renderParagraph(doc, inlineRuns(node.content), box, node.type === 'heading', paragraphGap);
    }
  }
  if (inline.length > 0) renderParagraph(doc, inline, box, false, paragraphGap);
}

/**
 * The height of the opening lines of `nodes`: `lines` of them, or the whole of the first
 * paragraph if it is shorter. This is what must fit under a heading, or beside a clause's
 * number, for neither to be left alone at the foot of a page. Measured with the font, size,
 * width and line gap the text is drawn with.
 */
export function richTextOpeningHeight(doc: PdfDocument, nodes: CanonicalNode[], box: TextBox, lines = 2): number {
  const opening = firstParagraph(nodes, box);
  if (!opening) return 0;
  doc.font(opening.heading ? Font.bold : Font.regular).fontSize(box.fontSize);
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP;
  const text = opening.runs.map((run) => run.text).join('');
  const paragraphLines = Math.max(1, Math.round(doc.heightOfString(text, { width: opening.width, lineGap: LINE_GAP }) / lineHeight));
  return Math.min(lines, paragraphLines) * lineHeight;
}

/** The first paragraph renderRichText would draw, with the width it would draw it in. */
function firstParagraph(nodes: CanonicalNode[], box: TextBox): { runs: CanonicalText[]; width: number; heading: boolean } | undefined {
  const [node] = nodes;
  if (!node) return undefined;
  if (isCanonicalText(node)) {
    const end = nodes.findIndex((next) => !isCanonicalText(next));
    return { runs: nodes.slice(0, end === -1 ? undefined : end) as CanonicalText[], width: box.width, heading: false };
  }
  if (node.type === 'bulletList' || node.type === 'orderedList') {
    const item = node.content.find((child) => !isCanonicalText(child));
    return item && !isCanonicalText(item) ? firstParagraph(item.content, { ...box, width: box.width - LIST_INDENT }) : undefined;
  }
  if (node.type === 'listItem' || node.type === 'blockquote') return firstParagraph(node.content, box);
  return { runs: inlineRuns(node.content), width: box.width, heading: node.type === 'heading' };
}

function renderList(doc: PdfDocument, type: 'bulletList' | 'orderedList', attrs: Record<string, unknown> | undefined, items: CanonicalNode[], box: TextBox): void {
  const start = Number(attrs?.start ?? 1);
  items.forEach((item, index) => {
    if (isCanonicalText(item)) return;
    doc.font(Font.regular).fontSize(box.fontSize).fillColor(COLOR.text);
    startOnPageWithRoom(doc);
    const top = doc.y;
    doc.text(type === 'bulletList' ? '•' : `${orderedListMarker(attrs?.type, start + index)}.`, box.x, top, { width: LIST_INDENT, lineBreak: false });
    doc.y = top;
    renderRichText(doc, item.content, { ...box, x: box.x + LIST_INDENT, width: box.width - LIST_INDENT }, LIST_ITEM_GAP);
  });
}

/** The runs of a paragraph, with each hard break as a line feed. */
function inlineRuns(nodes: CanonicalNode[]): CanonicalText[] {
  const runs: CanonicalText[] = [];
  for (const node of nodes) {
    if (isCanonicalText(node)) runs.push(node);
    else if (node.type === 'hardBreak') runs.push({ text: '\n' });
    else runs.push(...inlineRuns(node.content));
  }
  return runs;
}

/** Lines split at hard breaks: pdfkit does not break a line on a line feed inside continued text. */
function splitAtLineFeeds(runs: CanonicalText[]): CanonicalText[][] {
  const lines: CanonicalText[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines.at(-1)!.push({ ...run, text: part });
    });
  }
  return lines;
}

function renderParagraph(doc: PdfDocument, runs: CanonicalText[], box: TextBox, heading: boolean, paragraphGap: number): void {
  doc.fillColor(COLOR.text).fontSize(box.fontSize).font(Font.regular);
  for (const line of splitAtLineFeeds(runs)) {
    startOnPageWithRoom(doc);
    if (line.length === 0) {
      // An empty line is one the drafters left on purpose.
      doc.y += doc.currentLineHeight(true) + LINE_GAP;
      continue;
    }
    const y = doc.y;
    line.forEach((run, index) => {
      const marks = new Set(run.marks?.map((mark) => mark.type));
      doc.font(heading || marks.has('bold') ? Font.bold : Font.regular);
      const options: PdfTextOptions = {
        width: box.width,
        lineGap: LINE_GAP,
        align: 'left',
        continued: index < line.length - 1,
        underline: marks.has('underline') || marks.has('link'),
        strike: marks.has('strike'),
      };
      if (index === 0) doc.text(run.text, box.x, y, options);
      else doc.text(run.text, options);
    });
  }
  doc.y += paragraphGap;
}

/**
 * Moves to a new page when not even one line fits: a list marker or a paragraph's first
 * line drawn at the foot of a page would be parted from the rest of its text.
 */
function startOnPageWithRoom(doc: PdfDocument): void {
  if (doc.y + doc.currentLineHeight(true) + LINE_GAP > PAGE.height - PAGE.margins.bottom) {
    doc.addPage();
  }
}
