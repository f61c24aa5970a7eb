import type { AuditEntry } from '../../audit/audit-entry.js';
import type { CommitteeCredentials } from '../certificates/committee-credentials.js';
import { Font, monoTopAligned } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { describeAuditData } from './describe-audit-data.js';
import { beijingTime, issuedPdfLabels, roleLabel, type IssuedPdfLabels } from './issued-pdf-labels.js';
import { PAGE_BOTTOM, type PageFlow } from './page-flow.js';
import type { PdfDocument, PdfTextOptions } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';
import { summariseDevice } from './summarise-device.js';
import { VerificationFigures } from './verification-figures.js';

const LEFT = PAGE.margins.left;
/** Under the title, in lines of the title. */
const INTRO_TITLE_GAP = 0.4;
const INTRO_GAP = 8;
const FIGURES_GAP = 16;
const SEQUENCE_WIDTH = 20;
const EVENT_X = LEFT + SEQUENCE_WIDTH;
const EVENT_WIDTH = CONTENT_WIDTH - SEQUENCE_WIDTH;
const ROW_PADDING = 3.5;
/** Noto's generous line height, tightened: each entry is a dense record, not prose. */
const TIGHT = { width: EVENT_WIDTH, lineGap: -1.5 };
/**
 * Courier narrowed to 76 % keeps its full height (what makes digits legible) while a
 * hash and the previous hash, 64 digits each, fit on one line.
 */
const HASH_SCALING = 76;

/**
 * The audit trail on pages of its own: every entry with its time, who did it, from where,
 * what it did, and its place in the hash chain; then the figures a verifier checks.
 * An entry is never split; the intro goes with the first entry, the last entry with the figures.
 */
export function renderAuditTrail(flow: PageFlow, input: AgreementPdfInput, credentials: CommitteeCredentials): void {
  const { doc } = flow;
  const labels = issuedPdfLabels[input.agreement.header.language];
  const entries = input.audit.map((entry) => {
    const lines = eventLines(input, entry, labels);
    return { entry, lines, height: entryHeight(doc, lines) };
  });
  const figures = new VerificationFigures(input, credentials);
  const figuresHeight = FIGURES_GAP + figures.height(doc);

  doc.addPage();
  flow.record('audit-intro', introHeight(doc, labels), () => renderIntro(doc, labels), entries.length > 0);
  entries.forEach(({ entry, lines, height }, index) => {
    // The figures name the last entry's hash as the chain's head; kept with it, they never fill a page alone.
    const withFigures = index === entries.length - 1 && height + figuresHeight <= PAGE_BOTTOM - PAGE.margins.top;
    if (flow.keep(withFigures ? height + figuresHeight : height)) rule(doc, 0.8, COLOR.text);
    flow.record('audit-entry', height, () => renderEntry(doc, entry, lines, labels, height), withFigures);
  });
  doc.y += FIGURES_GAP;
  figures.render(flow);
}

function introHeight(doc: PdfDocument, labels: IssuedPdfLabels): number {
  doc.font(Font.bold).fontSize(FONT_SIZE.heading + 3);
  const title = doc.heightOfString(labels.auditTitle, { width: CONTENT_WIDTH, align: 'center' }) + INTRO_TITLE_GAP * doc.currentLineHeight(true);
  doc.font(Font.regular).fontSize(FONT_SIZE.small);
  return title + doc.heightOfString(introText(labels), { width: CONTENT_WIDTH, lineGap: 2 }) + INTRO_GAP;
}

const introText = (labels: IssuedPdfLabels) => [labels.auditIntro, labels.timeZoneNote].join(labels.sentenceSeparator);

function renderIntro(doc: PdfDocument, labels: IssuedPdfLabels): void {
  doc.font(Font.bold).fontSize(FONT_SIZE.heading + 3).fillColor(COLOR.text);
  doc.text(labels.auditTitle, LEFT, PAGE.margins.top, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(INTRO_TITLE_GAP);
  doc.font(Font.regular).fontSize(FONT_SIZE.small).fillColor(COLOR.muted);
  doc.text(introText(labels), LEFT, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.y += INTRO_GAP;
  rule(doc, 0.8, COLOR.text);
}

interface EventLines {
  title: string;
  actor: string;
  data: string;
}

function eventLines(input: AgreementPdfInput, entry: AuditEntry, labels: IssuedPdfLabels): EventLines {
  const { actor } = entry;
  const language = input.agreement.header.language;
  return {
    title: `${beijingTime(entry.at)}   ${labels.auditTypes[entry.type] ?? entry.type}`,
    // What the service does itself comes from no address or device.
    actor: [`${actor.name}${labels.inParentheses(roleLabel(language, actor.role))}`, actor.ip, summariseDevice(actor.device)].filter(Boolean).join(' · '),
    data: describeAuditData(entry, language),
  };
}

function entryHeight(doc: PdfDocument, lines: EventLines): number {
  doc.fontSize(FONT_SIZE.audit);
  const titleWidth = doc.font(Font.bold).widthOfString(`${lines.title}   `);
  const oneLine = titleWidth + doc.font(Font.regular).widthOfString(lines.actor) <= EVENT_WIDTH;
  // Bold throughout over-estimates a wrapped line: a gap rather than an overlap.
  const title = oneLine
    ? doc.font(Font.bold).heightOfString(lines.title, TIGHT)
    : doc.font(Font.bold).heightOfString(`${lines.title}   ${lines.actor}`, TIGHT);
  const data = doc.font(Font.regular).fontSize(FONT_SIZE.audit - 0.7).heightOfString(lines.data, TIGHT);
  return ROW_PADDING + title + data + 1 + FONT_SIZE.hash + 2 + ROW_PADDING;
}

function renderEntry(doc: PdfDocument, entry: AuditEntry, lines: EventLines, labels: IssuedPdfLabels, height: number): void {
  const top = doc.y + ROW_PADDING;
  doc.font(Font.mono).fontSize(FONT_SIZE.audit).fillColor(COLOR.muted);
  doc.text(`#${entry.sequence}`, LEFT, monoTopAligned(top, FONT_SIZE.audit, FONT_SIZE.audit), { width: SEQUENCE_WIDTH, lineBreak: false });

  doc.font(Font.bold).fontSize(FONT_SIZE.audit).fillColor(COLOR.text).text(`${lines.title}   `, EVENT_X, top, { ...TIGHT, continued: true });
  doc.font(Font.regular).fillColor(COLOR.muted).text(lines.actor, TIGHT);
  doc.fontSize(FONT_SIZE.audit - 0.7).fillColor(COLOR.muted).text(lines.data, EVENT_X, doc.y, TIGHT);

  const hashTop = doc.y + 1;
  let x = EVENT_X;
  x = hashWithLabel(doc, labels.auditFields.hash, entry.hash, x, hashTop, COLOR.text);
  hashWithLabel(doc, labels.auditFields.previousHash, entry.previousHash, x + 10, hashTop, COLOR.muted);

  // Text that ran longer than measured grows the entry rather than running into the next.
  doc.y = Math.max(top - ROW_PADDING + height, hashTop + FONT_SIZE.hash + 2 + ROW_PADDING);
  rule(doc, 0.3, COLOR.rule);
}

/** A hash written whole (it is what a verifier compares) after its label; returns where it ends. */
function hashWithLabel(doc: PdfDocument, label: string, hash: string, x: number, top: number, color: string): number {
  const labelSize = FONT_SIZE.hash - 0.6;
  doc.font(Font.regular).fontSize(labelSize).fillColor(COLOR.muted);
  const labelWidth = doc.widthOfString(`${label} `);
  doc.text(`${label} `, x, top, { lineBreak: false });
  doc.font(Font.mono).fontSize(FONT_SIZE.hash).fillColor(color);
  // pdfkit draws horizontalScaling; its published types leave it out.
  doc.text(hash, x + labelWidth, monoTopAligned(top, labelSize, FONT_SIZE.hash), { lineBreak: false, horizontalScaling: HASH_SCALING } as PdfTextOptions);
  return x + labelWidth + (doc.widthOfString(hash) * HASH_SCALING) / 100;
}

function rule(doc: PdfDocument, thickness: number, color: string): void {
  doc.save().lineWidth(thickness).strokeColor(color);
  doc.moveTo(LEFT, doc.y).lineTo(LEFT + CONTENT_WIDTH, doc.y).stroke();
  doc.restore();
}
