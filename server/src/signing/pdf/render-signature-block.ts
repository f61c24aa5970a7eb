import { agreementLabels, type IdentityDocumentType } from '@mediation/shared';
import { Font } from './agreement-fonts.js';
import type { AgreementPdfInput, AgreementPdfSignature } from './agreement-pdf-input.js';
import { drawCommitteeSeal } from './draw-committee-seal.js';
import { drawQrCode } from './draw-qr-code.js';
import { flattenSignatureImage } from './flatten-signature-image.js';
import { beijingTime, issuedPdfLabels, roleLabel } from './issued-pdf-labels.js';
import type { PdfDocument, PdfTextOptions } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';
import { renderSection } from './render-agreement-body.js';
import { drawSignatureAppearance, type SignatureAppearance } from './signature-appearance.js';

const LEFT = PAGE.margins.left;
const COLUMN_GAP = 16;
const BOX_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) / 2;
const BOX_PADDING = 9;
const INNER_WIDTH = BOX_WIDTH - 2 * BOX_PADDING;
const TITLE_HEIGHT = 19;
const IMAGE_HEIGHT = 48;
const QR_SIZE = 88;
/** The seal line and QR code under the signatures. */
const SEAL_HEIGHT = QR_SIZE + 8;
/** The committee's seal stamped over its name and the date, about 33 mm across as a real one is. */
const SEAL_RADIUS = 47;
const ROW_GAP = 10;
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
 * Returns the seal's appearance, where the committee's digital signature is shown.
 */
export function renderSignatureBlock(doc: PdfDocument, input: AgreementPdfInput): SignatureAppearance {
  const language = input.agreement.header.language;
  renderSection(doc, agreementLabels[language].signatures, () => {
    for (let index = 0; index < input.signatures.length; index += 2) {
      const row = input.signatures.slice(index, index + 2).map((signature) => ({ signature, lines: boxLines(input, signature) }));
      const height = Math.max(...row.map(({ lines }) => boxHeight(doc, lines)));
      // The seal goes with the last signatures: a seal alone on a page would seal nothing.
      const isLastRow = index + 2 >= input.signatures.length;
      if (doc.y + height + (isLastRow ? ROW_GAP + SEAL_HEIGHT : 0) > PAGE.height - PAGE.margins.bottom) doc.addPage();
      const top = doc.y;
      row.forEach(({ signature, lines }, column) =>
        renderSignatureBox(doc, input, signature, lines, LEFT + column * (BOX_WIDTH + COLUMN_GAP), top, height),
      );
      doc.y = top + height + ROW_GAP;
    }
  });
  return renderSealAndQrCode(doc, input);
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
): void {
  const language = input.agreement.header.language;
  const { separator } = issuedPdfLabels[language];
  const innerX = x + BOX_PADDING;

  doc.save().lineWidth(0.5).strokeColor(COLOR.rule).rect(x, top, BOX_WIDTH, height).stroke().restore();
  doc.font(Font.bold).fontSize(FONT_SIZE.body - 0.5).fillColor(COLOR.text);
  doc.text(`${roleLabel(language, signature.role)}${separator}${signature.name}`, innerX, top + BOX_PADDING, {
    width: INNER_WIDTH,
    lineBreak: false,
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
}

/**
 * The committee's seal line and the issue date on the right, with the seal stamped over
 * them as the signature's appearance; the QR code to verify on the left.
 */
function renderSealAndQrCode(doc: PdfDocument, input: AgreementPdfInput): SignatureAppearance {
  const labels = issuedPdfLabels[input.agreement.header.language];
  if (doc.y + SEAL_HEIGHT > PAGE.height - PAGE.margins.bottom) doc.addPage();
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
