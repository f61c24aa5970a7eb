import { agreementLabels, type AgreementLanguage, type CanonicalAgreement, type CanonicalNode } from '@mediation/shared';
import { Font } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { issuedPdfLabels, roleLabel } from './issued-pdf-labels.js';
import { PAGE_BOTTOM, type PageFlow } from './page-flow.js';
import type { PdfDocument } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';
import { renderRichText, richTextOpeningHeight, type TextBox } from './render-rich-text.js';
import { renderSection } from './render-section.js';

const LEFT = PAGE.margins.left;
const FULL_WIDTH: TextBox = { x: LEFT, width: CONTENT_WIDTH, fontSize: FONT_SIZE.body };
const PARTY_GAP = 6;

/** The agreement itself: title block, parties, the dispute, the numbered clauses, performance. */
export function renderAgreementBody(flow: PageFlow, input: AgreementPdfInput): void {
  const { agreement } = input;
  const labels = agreementLabels[agreement.header.language];
  // The title block opens the first page: the whole page is its room.
  flow.record('title', PAGE_BOTTOM - PAGE.margins.top, () => renderTitleBlock(flow.doc, input));
  renderParties(flow, agreement);
  renderText(flow, labels.dispute, agreement.dispute);
  renderClauses(flow, agreement);
  renderText(flow, labels.performance, agreement.performance);
}

/** A section of running text: the heading and the text's opening lines share a page; the rest flows on. */
function renderText(flow: PageFlow, heading: string, text: CanonicalNode[]): void {
  const opening = richTextOpeningHeight(flow.doc, text, FULL_WIDTH);
  renderSection(flow, heading, opening, () => flow.record('text', opening, () => renderRichText(flow.doc, text, FULL_WIDTH)));
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

function renderParties(flow: PageFlow, agreement: CanonicalAgreement): void {
  const { doc } = flow;
  const { language } = agreement.header;
  const { separator } = issuedPdfLabels[language];
  const roleWidth = Math.max(
    ...agreement.parties.map((party) => doc.font(Font.bold).fontSize(FONT_SIZE.body).widthOfString(`${roleLabel(language, party.role)}${separator}`)),
  );
  const rows = agreement.parties.map((party) => ({ party, height: partyRowHeight(doc, party, roleWidth) }));
  renderSection(flow, agreementLabels[language].parties, rows[0]?.height ?? 0, () => {
    for (const { party, height } of rows) {
      flow.place('party', height, () => renderParty(doc, party, language, roleWidth));
      doc.y += PARTY_GAP;
    }
  });
}

type Party = CanonicalAgreement['parties'][number];

const nameWidth = (roleWidth: number) => CONTENT_WIDTH - roleWidth - 4;

/** A party's name beside their role, and their details under the name, as renderParty draws them. */
function partyRowHeight(doc: PdfDocument, party: Party, roleWidth: number): number {
  doc.font(Font.bold).fontSize(FONT_SIZE.body);
  const name = Math.max(doc.currentLineHeight(true), doc.heightOfString(party.name, { width: nameWidth(roleWidth) }));
  if (!party.details) return name;
  doc.font(Font.regular).fontSize(FONT_SIZE.detail + 0.5);
  return name + 1 + doc.heightOfString(party.details, { width: nameWidth(roleWidth), lineGap: 2 });
}

function renderParty(doc: PdfDocument, party: Party, language: AgreementLanguage, roleWidth: number): void {
  const { separator } = issuedPdfLabels[language];
  const top = doc.y;
  doc.font(Font.bold).fontSize(FONT_SIZE.body).fillColor(COLOR.text);
  doc.text(`${roleLabel(language, party.role)}${separator}`, LEFT, top, { width: roleWidth + 4, lineBreak: false });
  doc.text(party.name, LEFT + roleWidth + 4, top, { width: nameWidth(roleWidth) });
  if (party.details) {
    doc.font(Font.regular).fontSize(FONT_SIZE.detail + 0.5).fillColor(COLOR.muted);
    doc.text(party.details, LEFT + roleWidth + 4, doc.y + 1, { width: nameWidth(roleWidth), lineGap: 2 });
  }
}

/**
 * The numbered clauses. A clause's number goes on a page only with the opening lines of
 * its text: a number alone at the foot of a page would be parted from what it numbers.
 */
function renderClauses(flow: PageFlow, agreement: CanonicalAgreement): void {
  const { doc } = flow;
  const labels = agreementLabels[agreement.header.language];
  doc.font(Font.bold).fontSize(FONT_SIZE.body);
  const numberWidth = Math.max(0, ...agreement.clauses.map((clause) => doc.widthOfString(labels.clauseNumber(clause.number)))) + 8;
  const box: TextBox = { x: LEFT + numberWidth, width: CONTENT_WIDTH - numberWidth, fontSize: FONT_SIZE.body };
  const clauses = agreement.clauses.map((clause) => ({
    clause,
    opening: Math.max(doc.font(Font.bold).fontSize(FONT_SIZE.body).currentLineHeight(true), richTextOpeningHeight(doc, clause.body, box)),
  }));
  renderSection(flow, labels.clauses, clauses[0]?.opening ?? 0, () => {
    for (const { clause, opening } of clauses) {
      flow.place('clause', opening, () => {
        const top = doc.y;
        doc.font(Font.bold).fontSize(FONT_SIZE.body).fillColor(COLOR.text);
        doc.text(labels.clauseNumber(clause.number), LEFT, top, { width: numberWidth, lineBreak: false });
        doc.y = top;
        renderRichText(doc, clause.body, box);
      });
      doc.y += 2;
    }
  });
}

function rule(doc: PdfDocument, thickness: number): void {
  doc.save().lineWidth(thickness).strokeColor(COLOR.text);
  doc.moveTo(LEFT, doc.y).lineTo(LEFT + CONTENT_WIDTH, doc.y).stroke();
  doc.restore();
}
