import PDFDocument from 'pdfkit';
import { agreementLabels } from '@mediation/shared';
import type { CommitteeCredentials } from '../certificates/committee-credentials.js';
import { registerAgreementFonts } from './agreement-fonts.js';
import type { AgreementPdfInput } from './agreement-pdf-input.js';
import { PageFlow, type PlacedBlock } from './page-flow.js';
import type { PdfDocument } from './pdf-document.js';
import { PAGE } from './pdf-layout.js';
import { renderAgreementBody } from './render-agreement-body.js';
import { renderAuditTrail } from './render-audit-trail.js';
import { renderPageFooters } from './render-page-footers.js';
import { renderSignatureBlock } from './render-signature-block.js';
import { addSignaturePlaceholder, signPdf } from './sign-pdf.js';

/**
 * The issued agreement: the signed text with its parties and clauses, every signer's
 * drawn signature, the committee's seal line and a QR code to verify it, the audit trail,
 * and on every page the document number, version and agreement hash; digitally signed
 * with the committee's key (PAdES), so any PDF reader can tell it has not been altered.
 * The same input gives the same bytes: every date in it is `issuedAt`. `onLayout` is told
 * where each block of text went, page by page.
 */
export async function issueAgreementPdf(
  input: AgreementPdfInput,
  credentials: CommitteeCredentials,
  onLayout?: (blocks: readonly PlacedBlock[]) => void,
): Promise<Buffer> {
  const issuedAt = new Date(input.issuedAt);
  if (Number.isNaN(issuedAt.getTime())) throw new RangeError(`issuedAt is not a time: ${input.issuedAt}`);
  const { header } = input.agreement;
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margins,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: header.language,
    displayTitle: true,
    info: {
      Title: `${agreementLabels[header.language].documentTitle} ${input.documentNumber}`,
      Author: input.committeeName,
      Subject: header.title || header.caseNumber,
      Keywords: `${input.documentNumber} sha256:${input.agreementHash}`,
      Creator: input.committeeName,
      Producer: 'mediation-room',
      CreationDate: issuedAt,
    },
  }) as PdfDocument;
  const bytes = collect(doc);

  registerAgreementFonts(doc);
  const flow = new PageFlow(doc);
  renderAgreementBody(flow, input);
  const seal = renderSignatureBlock(flow, input);
  renderAuditTrail(flow, input, credentials);
  onLayout?.(flow.blocks);
  renderPageFooters(doc, input);
  addSignaturePlaceholder(doc, credentials, {
    reason: `${agreementLabels[header.language].documentTitle} ${input.documentNumber}`,
    location: input.committeeName,
    contactInfo: input.verifyUrl,
    signingTime: issuedAt,
  }, seal);
  doc.end();
  return signPdf(await bytes, credentials);
}

function collect(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
