import { Font, monoTopAligned } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { issuedPdfLabels } from './issued-pdf-labels.js';
import type { PdfDocument } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';

/**
 * On every page, below the bottom margin: the document number, the version signed and
 * the agreement's hash, and the page number, so a single page still says what it belongs
 * to. Needs a document made with `bufferPages`.
 */
export function renderPageFooters(doc: PdfDocument, input: AgreementPdfInput): void {
  const labels = issuedPdfLabels[input.agreement.header.language];
  const left = PAGE.margins.left;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    // Text below the margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const top = PAGE.height - PAGE.margins.bottom + 20;
    doc.save().lineWidth(0.4).strokeColor(COLOR.rule);
    doc.moveTo(left, top - 5).lineTo(left + CONTENT_WIDTH, top - 5).stroke();
    doc.restore();

    doc.font(Font.regular).fontSize(FONT_SIZE.footer).fillColor(COLOR.muted);
    doc.text(`${labels.documentNumber} ${input.documentNumber} · ${labels.version(input.version)}`, left, top, { lineBreak: false });
    doc.text(labels.page(index - start + 1, count), left, top, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
    const hashTop = top + FONT_SIZE.footer + 5;
    const label = `${labels.agreementHash}  `;
    const labelWidth = doc.widthOfString(label);
    doc.text(label, left, hashTop, { lineBreak: false });
    doc.font(Font.mono).text(input.agreementHash, left + labelWidth, monoTopAligned(hashTop, FONT_SIZE.footer, FONT_SIZE.footer), { lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}
