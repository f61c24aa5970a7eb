import type { AuditEntry } from '../../audit/audit-entry.js';
import type { CommitteeCredentials } from '../certificates/committee-credentials.js';
import { Font, monoTopAligned } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { beijingTime, issuedPdfLabels, roleLabel, type IssuedPdfLabels } from './issued-pdf-labels.js';
import type { PdfDocument, PdfTextOptions } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';
import { describeAuditData } from './describe-audit-data.js';
import { summariseDevice } from './summarise-device.js';

const LEFT = PAGE.margins.left;
const BOTTOM = PAGE.height - PAGE.margins.bottom;
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
 */
export function renderAuditTrail(doc: PdfDocument, input: AgreementPdfInput, credentials: CommitteeCredentials): void {
  const labels = issuedPdfLabels[input.agreement.header.language];
  doc.addPage();
  doc.font(Font.bold).fontSize(FONT_SIZE.heading + 3).fillColor(COLOR.text);
  doc.text(labels.auditTitle, LEFT, PAGE.margins.top, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(0.4);
  doc.font(Font.regular).fontSize(FONT_SIZE.small).fillColor(COLOR.muted);
  doc.text([labels.auditIntro, labels.timeZoneNote].join(labels.sentenceSeparator), LEFT, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.y += 8;

  rule(doc, 0.8, COLOR.text);
  for (const entry of input.audit) {
    const lines = eventLines(input, entry, labels);
    const height = entryHeight(doc, lines);
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      rule(doc, 0.8, COLOR.text);
    }
    renderEntry(doc, entry, lines, labels, height);
  }
  doc.y += 16;
  renderVerificationFigures(doc, input, credentials);
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

  doc.y = top - ROW_PADDING + height;
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

function renderVerificationFigures(doc: PdfDocument, input: AgreementPdfInput, credentials: CommitteeCredentials): void {
  const labels = issuedPdfLabels[input.agreement.header.language];
  const head = input.audit.at(-1)?.hash ?? '';
  const rows: [string, string, boolean][] = [
    [labels.documentNumber, `${input.documentNumber}${labels.inParentheses(labels.version(input.version))}`, false],
    [labels.agreementHash, input.agreementHash, true],
    [labels.auditEntries, String(input.audit.length), false],
    [labels.auditChainHead, head, true],
    [labels.digitalSignature, labels.certificate(credentials.certificate.subject, credentials.certificate.issuer), false],
    [labels.certificateFingerprint, credentials.certificate.fingerprint, true],
    [labels.issuedAt, beijingTime(input.issuedAt), false],
    [labels.verifyAddress, input.verifyUrl, true],
  ];
  const labelWidth = 120;
  const valueWidth = CONTENT_WIDTH - labelWidth;
  const height = rows.length * 14 + 30;
  if (doc.y + height > BOTTOM) doc.addPage();

  doc.font(Font.bold).fontSize(FONT_SIZE.heading - 1).fillColor(COLOR.text);
  doc.text(labels.hashesTitle, LEFT, doc.y, { width: CONTENT_WIDTH });
  doc.y += 4;
  rule(doc, 0.8, COLOR.text);
  for (const [label, value, mono] of rows) {
    const top = doc.y + 3;
    doc.font(Font.regular).fontSize(FONT_SIZE.small).fillColor(COLOR.muted);
    doc.text(label, LEFT, top, { width: labelWidth - 6 });
    const labelBottom = doc.y;
    const valueSize = mono ? FONT_SIZE.small - 0.5 : FONT_SIZE.small;
    doc.font(mono ? Font.mono : Font.regular).fontSize(valueSize).fillColor(COLOR.text);
    doc.text(value, LEFT + labelWidth, mono ? monoTopAligned(top, FONT_SIZE.small, valueSize) : top, { width: valueWidth });
    doc.y = Math.max(doc.y, labelBottom) + 3;
    rule(doc, 0.3, COLOR.rule);
  }
}

function rule(doc: PdfDocument, thickness: number, color: string): void {
  doc.save().lineWidth(thickness).strokeColor(color);
  doc.moveTo(LEFT, doc.y).lineTo(LEFT + CONTENT_WIDTH, doc.y).stroke();
  doc.restore();
}
