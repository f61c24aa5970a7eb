import type { CommitteeCredentials } from '../certificates/committee-credentials.js';
import { Font, monoTopAligned } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { beijingTime, issuedPdfLabels } from './issued-pdf-labels.js';
import type { PageFlow } from './page-flow.js';
import type { PdfDocument } from './pdf-document.js';
import { COLOR, CONTENT_WIDTH, FONT_SIZE, PAGE } from './pdf-layout.js';

const LEFT = PAGE.margins.left;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH;
const HEADING_GAP = 4;
const ROW_PADDING = 3;

interface Figure {
  label: string;
  value: string;
  /** Hashes and addresses, set in Courier. */
  mono: boolean;
}

/** The figures a verifier checks against the document, the audit chain and the signature, as a table. */
export class VerificationFigures {
  private readonly title: string;
  private readonly figures: Figure[];

  constructor(input: AgreementPdfInput, credentials: CommitteeCredentials) {
    const labels = issuedPdfLabels[input.agreement.header.language];
    const figure = (label: string, value: string, mono = false): Figure => ({ label, value, mono });
    this.title = labels.hashesTitle;
    this.figures = [
      figure(labels.documentNumber, `${input.documentNumber}${labels.inParentheses(labels.version(input.version))}`),
      figure(labels.agreementHash, input.agreementHash, true),
      figure(labels.auditEntries, String(input.audit.length)),
      figure(labels.auditChainHead, input.audit.at(-1)?.hash ?? '', true),
      figure(labels.digitalSignature, labels.certificate(credentials.certificate.subject, credentials.certificate.issuer)),
      figure(labels.certificateFingerprint, credentials.certificate.fingerprint, true),
      figure(labels.issuedAt, beijingTime(input.issuedAt)),
      figure(labels.verifyAddress, input.verifyUrl, true),
    ];
  }

  /** The table's height with its heading, measured with the fonts and widths it is drawn with. */
  height(doc: PdfDocument): number {
    return this.headingHeight(doc) + HEADING_GAP + this.figures.reduce((sum, figure) => sum + rowHeight(doc, figure), 0);
  }

  /**
   * Draws the table whole on one page with its heading: a label on one page and its value on
   * the next would each be read without the other. Only a table taller than a page is split,
   * between rows.
   */
  render(flow: PageFlow): void {
    const { doc } = flow;
    flow.place('figure-table', this.height(doc), () => {
      doc.font(Font.bold).fontSize(FONT_SIZE.heading - 1).fillColor(COLOR.text);
      doc.text(this.title, LEFT, doc.y, { width: CONTENT_WIDTH });
      doc.y += HEADING_GAP;
      rule(doc, 0.8, COLOR.text);
      for (const figure of this.figures) {
        flow.keep(rowHeight(doc, figure));
        renderRow(doc, figure);
      }
    });
  }

  private headingHeight(doc: PdfDocument): number {
    return doc.font(Font.bold).fontSize(FONT_SIZE.heading - 1).heightOfString(this.title, { width: CONTENT_WIDTH });
  }
}

const valueSize = (figure: Figure) => (figure.mono ? FONT_SIZE.small - 0.5 : FONT_SIZE.small);
/** Courier's baseline set on the label's. */
const valueOffset = (figure: Figure) => (figure.mono ? monoTopAligned(0, FONT_SIZE.small, valueSize(figure)) : 0);

function rowHeight(doc: PdfDocument, figure: Figure): number {
  const label = doc.font(Font.regular).fontSize(FONT_SIZE.small).heightOfString(figure.label, { width: LABEL_WIDTH - 6 });
  const value = doc.font(figure.mono ? Font.mono : Font.regular).fontSize(valueSize(figure)).heightOfString(figure.value, { width: VALUE_WIDTH });
  return ROW_PADDING + Math.max(label, valueOffset(figure) + value) + ROW_PADDING;
}

function renderRow(doc: PdfDocument, figure: Figure): void {
  const top = doc.y + ROW_PADDING;
  doc.font(Font.regular).fontSize(FONT_SIZE.small).fillColor(COLOR.muted);
  doc.text(figure.label, LEFT, top, { width: LABEL_WIDTH - 6 });
  const labelBottom = doc.y;
  doc.font(figure.mono ? Font.mono : Font.regular).fontSize(valueSize(figure)).fillColor(COLOR.text);
  doc.text(figure.value, LEFT + LABEL_WIDTH, top + valueOffset(figure), { width: VALUE_WIDTH });
  doc.y = Math.max(doc.y, labelBottom) + ROW_PADDING;
  rule(doc, 0.3, COLOR.rule);
}

function rule(doc: PdfDocument, thickness: number, color: string): void {
  doc.save().lineWidth(thickness).strokeColor(color);
  doc.moveTo(LEFT, doc.y).lineTo(LEFT + CONTENT_WIDTH, doc.y).stroke();
  doc.restore();
}
