import { agreementLabels, type CanonicalAgreement } from '@mediation/shared';
import { Font } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { issuedPdfLabels, roleLabel } from './issued-pdf-labels.js';
import type { PdfDocument } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, LINE_GAP, PAGE } from './pdf-layout.js';
import { renderRichText } from './render-rich-text.js';

const LEFT = PAGE.margins.left;

/** The agreement itself: title block, parties, the dispute, the numbered clauses, performance. */
export function renderAgreementBody(doc: PdfDocument, input: AgreementPdfInput): void {
  const { agreement } = input;
  renderTitleBlock(doc, input);
  renderParties(doc, agreement);
  renderSection(doc, agreementLabels[agreement.header.language].dispute, () =>
    renderRichText(doc, agreement.dispute, { x: LEFT, width: CONTENT_WIDTH, fontSize: FONT_SIZE.body }),
  );
  renderSection(doc, agreementLabels[agreement.header.language].clauses, () => renderClauses(doc, agreement));
  renderSection(doc, agreementLabels[agreement.header.language].performance, () =>
    renderRichText(doc, agreement.performance, { x: LEFT, width: CONTENT_WIDTH, fontSize: FONT_SIZE.body }),
  );
}

function renderTitleBlock(doc: PdfDocument, input: AgreementPdfInput): void {
  const { header } = input.agreement;
  const labels = agreementLabels[header.language];
  const pdfLabels = issuedPdfLabels[header.language];
  const separator = pdfLabels.separator;

  doc.font(Font.bold).fontSize(FONT_SIZE.committee).fillColor(COLOR.text);
  doc.text(header.committee || input.committeeName, LEFT, PAGE.margins.top, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(0.3);
  doc.font(Font.bold).fontSize(FONT_SIZE.title).fillColor(COLOR.seal);
  // Wide letter spacing is how a Chinese official title is set; Latin titles keep theirs.
  doc.text(labels.documentTitle, LEFT, doc.y, {
    width: CONTENT_WIDTH,
    align: 'center',
    characterSpacing: header.language === 'zh-CN' ? 6 : 0.5,
  });
  if (header.title) {
    doc.moveDown(0.2);
    doc.font(Font.regular).fontSize(FONT_SIZE.body).fillColor(COLOR.text);
    doc.text(header.title, LEFT, doc.y, { width: CONTENT_WIDTH, align: 'center' });
  }
  doc.moveDown(0.6);

  const lineY = doc.y;
  doc.font(Font.regular).fontSize(FONT_SIZE.detail).fillColor(COLOR.muted);
  doc.text(`${labels.caseNumber}${separator}${header.caseNumber}`, LEFT, lineY, { width: CONTENT_WIDTH / 2 });
  doc.text(`${pdfLabels.documentNumber}${separator}${input.documentNumber}${pdfLabels.inParentheses(pdfLabels.version(input.version))}`, LEFT + CONTENT_WIDTH / 2, lineY, {
    width: CONTENT_WIDTH / 2,
    align: 'right',
  });
  doc.y += 3;
  rule(doc, 1.2);
  doc.y += 2;
  rule(doc, 0.4);
  doc.y += 12;
}

function renderParties(doc: PdfDocument, agreement: CanonicalAgreement): void {
  const labels = agreementLabels[agreement.header.language];
  const { separator } = issuedPdfLabels[agreement.header.language];
  renderSection(doc, labels.parties, () => {
    const roleWidth = Math.max(
      ...agreement.parties.map((party) => doc.font(Font.bold).fontSize(FONT_SIZE.body).widthOfString(`${roleLabel(agreement.header.language, party.role)}${separator}`)),
    );
    for (const party of agreement.parties) {
      const top = doc.y;
      doc.font(Font.bold).fontSize(FONT_SIZE.body).fillColor(COLOR.text);
      doc.text(`${roleLabel(agreement.header.language, party.role)}${separator}`, LEFT, top, { width: roleWidth + 4, lineBreak: false });
      doc.text(party.name, LEFT + roleWidth + 4, top, { width: CONTENT_WIDTH - roleWidth - 4 });
      if (party.details) {
        doc.font(Font.regular).fontSize(FONT_SIZE.detail + 0.5).fillColor(COLOR.muted);
        doc.text(party.details, LEFT + roleWidth + 4, doc.y + 1, { width: CONTENT_WIDTH - roleWidth - 4, lineGap: 2 });
      }
      doc.y += 6;
    }
  });
}

function renderClauses(doc: PdfDocument, agreement: CanonicalAgreement): void {
  const labels = agreementLabels[agreement.header.language];
  doc.font(Font.bold).fontSize(FONT_SIZE.body);
  const numberWidth = Math.max(0, ...agreement.clauses.map((clause) => doc.widthOfString(labels.clauseNumber(clause.number)))) + 8;
  for (const clause of agreement.clauses) {
    // A clause number alone at the foot of a page would be parted from its text.
    if (doc.y + 2 * (doc.currentLineHeight(true) + LINE_GAP) > PAGE.height - PAGE.margins.bottom) doc.addPage();
    const top = doc.y;
    doc.font(Font.bold).fontSize(FONT_SIZE.body).fillColor(COLOR.text);
    doc.text(labels.clauseNumber(clause.number), LEFT, top, { width: numberWidth, lineBreak: false });
    doc.y = top;
    renderRichText(doc, clause.body, { x: LEFT + numberWidth, width: CONTENT_WIDTH - numberWidth, fontSize: FONT_SIZE.body });
    doc.y += 2;
  }
}

/** A heading, kept on the same page as the start of what follows it. */
export function renderSection(doc: PdfDocument, heading: string, body: () => void): void {
  doc.font(Font.bold).fontSize(FONT_SIZE.heading);
  if (doc.y + 3 * doc.currentLineHeight(true) > PAGE.height - PAGE.margins.bottom) doc.addPage();
  doc.fillColor(COLOR.text).text(heading, LEFT, doc.y, { width: CONTENT_WIDTH });
  doc.y += 4;
  body();
  doc.y += 8;
}

function rule(doc: PdfDocument, thickness: number): void {
  doc.save().lineWidth(thickness).strokeColor(COLOR.text);
  doc.moveTo(LEFT, doc.y).lineTo(LEFT + CONTENT_WIDTH, doc.y).stroke();
  doc.restore();
}
