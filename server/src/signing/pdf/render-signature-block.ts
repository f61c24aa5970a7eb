import { agreementLabels, type IdentityDocumentType } from '@mediation/shared';
import { Font } from './agreement-fonts.js';
import type { AgreementPdfInput, AgreementPdfSignature } from './agreement-pdf-input.js';
import { drawCommitteeSeal } from './draw-committee-seal.js';
import { drawQrCode } from './draw-qr-code.js';
import { flattenSignatureImage } from './flatten-signature-image.js';
import { beijingTime, issuedPdfLabels, roleLabel } from './issued-pdf-labels.js';
import type { PdfDocument, PdfTextOptions } from './pdf-document.js';
import { PAGE_BOTTOM, type PageFlow } from './page-flow.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';
import { renderSection, SECTION_GAP, sectionHeadingHeight } from './render-section.js';
import { drawSignatureAppearance, type SignatureAppearance } from './signature-appearance.js';

const LEFT = PAGE.margins.left;
const COLUMN_GAP = 16;
const BOX_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) / 2;
const BOX_PADDING = 9;
const INNER_WIDTH = BOX_WIDTH - 2 * BOX_PADDING;
const TITLE_HEIGHT = 19;
const IMAGE_HEIGHT = 48;
const QR_SIZE = 88;
/** The committee's seal stamped over its name and the date, about 33 mm across as a real one is. */
const SEAL_RADIUS = 47;
const ROW_GAP = 10;
/** How many of the last signature rows share a page with the seal. */
const SIGNATURE_ROWS_WITH_SEAL = 2;
/** Courier narrowed so a 64-digit key fingerprint fits on one line of a box. */
const FINGERPRINT_SCALING = 80;

/** One line (or wrapped paragraph) of a signature box under the image. */
interface BoxLine {
  text: string;
  font: string;
  size: number;
  color: string;
  gapBefore: number;
  /** Narrowed to one line that is never wrapped. */
  horizontalScaling?: number;
}

/**
 * Each signer's drawn signature with their name, role, time, identity check and key,
 * two to a row; then the committee's seal line and the QR code to verify the document.
 * A row is never split; the heading goes with the first row; the seal goes on a page
 * with the last two rows (the last one if two would not fit on any page).
 * Returns the seal's appearance, where the committee's digital signature is shown.
 */
export function renderSignatureBlock(flow: PageFlow, input: AgreementPdfInput): SignatureAppearance {
  const { doc } = flow;
  const rows: SignatureRow[] = [];
  for (let index = 0; index < input.signatures.length; index += 2) {
    const boxes = input.signatures.slice(index, index + 2).map((signature) => ({ signature, lines: boxLines(input, signature) }));
    rows.push({ boxes, height: Math.max(...boxes.map(({ lines }) => boxHeight(doc, lines))) });
  }
  const heading = agreementLabels[input.agreement.header.language].signatures;
  const sealHeight = sealAndQrCodeHeight(doc, input);
  const firstWithSeal = firstRowWithSeal(rows, sealHeight, sectionHeadingHeight(doc, heading));
  // What must share a page with row `index`: the row itself, or from the first of the seal's rows, all of them and the seal.
  const keptFrom = (index: number) => (index === firstWithSeal ? rowsWithSealHeight(rows.slice(index), sealHeight) : rows[index]!.height);

  renderSection(flow, heading, rows.length > 0 ? keptFrom(0) : sealHeight, () => {
    rows.forEach((row, index) => {
      if (index <= firstWithSeal) flow.keep(keptFrom(index));
      flow.record('signature-row', row.height, () => renderSignatureRow(doc, input, row));
      doc.y += ROW_GAP;
    });
  });
  return flow.place('seal', sealHeight, () => renderSealAndQrCode(doc, input));
}

interface SignatureRow {
  boxes: { signature: AgreementPdfSignature; lines: BoxLine[] }[];
  height: number;
}

/**
 * The first of the rows that go on the seal's page: a seal alone on a page would seal
 * nothing, and a page holding one signature beside the seal would stand apart from the
 * signatures before it. Fewer rows go with the seal only if more would not fit on any page.
 */
function firstRowWithSeal(rows: SignatureRow[], sealHeight: number, headingHeight: number): number {
  const pageHeight = PAGE_BOTTOM - PAGE.margins.top;
  for (let count = Math.min(SIGNATURE_ROWS_WITH_SEAL, rows.length); count > 1; count--) {
    const first = rows.length - count;
    // Moving the first row moves the heading with it.
    const height = rowsWithSealHeight(rows.slice(first), sealHeight) + (first === 0 ? headingHeight : 0);
    if (height <= pageHeight) return first;
  }
  return rows.length - 1;
}

/** The last rows, the gap that ends the section, and the seal line under them. */
function rowsWithSealHeight(rows: SignatureRow[], sealHeight: number): number {
  return rows.reduce((sum, row) => sum + row.height + ROW_GAP, 0) + SECTION_GAP + sealHeight;
}

function renderSignatureRow(doc: PdfDocument, input: AgreementPdfInput, row: SignatureRow): void {
  const top = doc.y;
  const bottoms = row.boxes.map(({ signature, lines }, column) =>
    renderSignatureBox(doc, input, signature, lines, LEFT + column * (BOX_WIDTH + COLUMN_GAP), top, row.height),
  );
  doc.y = Math.max(top + row.height, ...bottoms);
}

function boxLines(input: AgreementPdfInput, signature: AgreementPdfSignature): BoxLine[] {
  const language = input.agreement.header.language;
  const labels = issuedPdfLabels[language];
  const { separator } = labels;
  const line = (text: string, gapBefore = 1, color = COLOR.text): BoxLine => ({ text, font: Font.regular, size: FONT_SIZE.small, color, gapBefore });
  const lines = [line(`${labels.typedName}${separator}${signature.typedName}`, 5), line(`${labels.signedAt}${separator}${beijingTime(signature.signedAt)}`)];
  if (signature.identity) {
    const { documentType, numberLastDigits, attestedBy } = signature.identity;
    const documentName = labels.identityDocuments[documentType as IdentityDocumentType] ?? documentType;
    lines.push(line(labels.identity(documentName, numberLastDigits, attestedBy), 1, COLOR.muted));
  }
  lines.push({ text: `${labels.signerKey} (SHA-256)`, font: Font.regular, size: FONT_SIZE.hash, color: COLOR.muted, gapBefore: 4 });
  lines.push({
    text: signature.publicKeyFingerprint,
    font: Font.mono,
    size: FONT_SIZE.hash,
    color: COLOR.muted,
    gapBefore: 0.5,
    horizontalScaling: FINGERPRINT_SCALING,
  });
  return lines;
}

function boxHeight(doc: PdfDocument, lines: BoxLine[]): number {
  const text = lines.reduce((sum, line) => {
    doc.font(line.font).fontSize(line.size);
    return sum + line.gapBefore + (line.horizontalScaling ? doc.currentLineHeight(true) : doc.heightOfString(line.text, { width: INNER_WIDTH }));
  }, 0);
  return BOX_PADDING + TITLE_HEIGHT + IMAGE_HEIGHT + text + BOX_PADDING;
}

function renderSignatureBox(
  doc: PdfDocument,
  input: AgreementPdfInput,
  signature: AgreementPdfSignature,
  lines: BoxLine[],
  x: number,
  top: number,
  height: number,
): number {
  const language = input.agreement.header.language;
  const { separator } = issuedPdfLabels[language];
  const innerX = x + BOX_PADDING;

  doc.save().lineWidth(0.5).strokeColor(COLOR.rule).rect(x, top, BOX_WIDTH, height).stroke().restore();
  doc.font(Font.bold).fontSize(FONT_SIZE.body - 0.5).fillColor(COLOR.text);
  doc.text(`${roleLabel(language, signature.role)}${separator}${signature.name}`, innerX, top + BOX_PADDING, {
    width: INNER_WIDTH,
    // One line, cut with an ellipsis: pdfkit cuts only text that is wrapped to a height.
    height: doc.currentLineHeight(true),
    ellipsis: true,
  });

  const imageTop = top + BOX_PADDING + TITLE_HEIGHT;
  doc.image(flattenSignatureImage(signature.image), innerX, imageTop, { fit: [INNER_WIDTH, IMAGE_HEIGHT - 4], valign: 'center' });
  doc.save().lineWidth(0.4).strokeColor(COLOR.faint);
  doc.moveTo(innerX, imageTop + IMAGE_HEIGHT).lineTo(innerX + INNER_WIDTH, imageTop + IMAGE_HEIGHT).stroke();
  doc.restore();

  doc.y = imageTop + IMAGE_HEIGHT;
  for (const line of lines) {
    doc.font(line.font).fontSize(line.size).fillColor(line.color);
    const y = doc.y + line.gapBefore;
    if (line.horizontalScaling) {
      // pdfkit draws horizontalScaling but wraps as if unscaled; its published types leave it out.
      doc.text(line.text, innerX, y, { lineBreak: false, horizontalScaling: line.horizontalScaling } as PdfTextOptions);
      doc.y = y + doc.currentLineHeight(true);
    } else {
      doc.text(line.text, innerX, y, { width: INNER_WIDTH });
    }
  }
  return doc.y + BOX_PADDING;
}

/**
 * The committee's seal line and the issue date on the right, with the seal stamped over
 * them as the signature's appearance; the QR code to verify on the left.
 */
function renderSealAndQrCode(doc: PdfDocument, input: AgreementPdfInput): SignatureAppearance {
  const labels = issuedPdfLabels[input.agreement.header.language];
  const top = doc.y + 4;

  // The QR code's quiet zone is inside QR_SIZE: shifted left by it, its black lines up with the text.
  const quietZone = 8;
  drawQrCode(doc, input.verifyUrl, LEFT - quietZone, top, QR_SIZE);
  const textX = LEFT + QR_SIZE - quietZone;
  const textWidth = CONTENT_WIDTH / 2 - QR_SIZE + 2 * quietZone;
  doc.font(Font.regular).fontSize(FONT_SIZE.small).fillColor(COLOR.muted);
  doc.text(labels.scanToVerify, textX, top + 14, { width: textWidth, lineGap: 1 });
  doc.font(Font.mono).fontSize(FONT_SIZE.small - 0.5).fillColor(COLOR.text);
  doc.text(input.verifyUrl, textX, doc.y + 3, { width: textWidth });

  const sealX = LEFT + CONTENT_WIDTH / 2;
  const sealWidth = CONTENT_WIDTH / 2;
  doc.font(Font.bold).fontSize(FONT_SIZE.body + 0.5).fillColor(COLOR.text);
  doc.text(labels.seal(input.committeeName), sealX, top + 22, { width: sealWidth, align: 'right' });
  doc.font(Font.regular).fontSize(FONT_SIZE.body);
  doc.text(labels.date(input.issuedAt), sealX, doc.y + 10, { width: sealWidth, align: 'right' });
  const textBottom = doc.y;

  // Stamped across the seal line's end, over the name and the date, as a committee stamps paper.
  const centre = { x: LEFT + CONTENT_WIDTH - SEAL_RADIUS - 6, y: top + 22 + (textBottom - top - 22) / 2, radius: SEAL_RADIUS };
  const box = { x: centre.x - SEAL_RADIUS, y: centre.y - SEAL_RADIUS, width: 2 * SEAL_RADIUS, height: 2 * SEAL_RADIUS };
  const appearance = drawSignatureAppearance(doc, box, () => drawCommitteeSeal(doc, input.committeeName, centre));
  doc.y = Math.max(textBottom, top + QR_SIZE, box.y + box.height);
  return appearance;
}

/**
 * The height renderSealAndQrCode draws: the QR code, the taller of the columns of text
 * beside it, or the stamp centred on the seal line and date, measured with the fonts, sizes
 * and widths it draws them with. A change to one belongs in the other: a drawing taller
 * than the room kept for it would run into the footer.
 */
function sealAndQrCodeHeight(doc: PdfDocument, input: AgreementPdfInput): number {
  const labels = issuedPdfLabels[input.agreement.header.language];
  const quietZone = 8;
  const textWidth = CONTENT_WIDTH / 2 - QR_SIZE + 2 * quietZone;
  doc.font(Font.regular).fontSize(FONT_SIZE.small);
  const scanToVerify = doc.heightOfString(labels.scanToVerify, { width: textWidth, lineGap: 1 });
  doc.font(Font.mono).fontSize(FONT_SIZE.small - 0.5);
  const verifyUrl = doc.heightOfString(input.verifyUrl, { width: textWidth });
  const sealWidth = CONTENT_WIDTH / 2;
  doc.font(Font.bold).fontSize(FONT_SIZE.body + 0.5);
  const seal = doc.heightOfString(labels.seal(input.committeeName), { width: sealWidth, align: 'right' });
  doc.font(Font.regular).fontSize(FONT_SIZE.body);
  const date = doc.heightOfString(labels.date(input.issuedAt), { width: sealWidth, align: 'right' });
  const sealLine = seal + 10 + date;
  return 4 + Math.max(QR_SIZE, 14 + scanToVerify + 3 + verifyUrl, 22 + sealLine, 22 + sealLine / 2 + SEAL_RADIUS);
}
