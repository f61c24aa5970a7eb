import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SignPdf } from '@signpdf/signpdf';
import type { CommitteeCredentials } from '../certificates/committee-credentials.js';
import { CadesSigner } from './cades-signer.js';
import type { PdfDocument } from './pdf-document.js';

/** Room for the CMS signature beyond the certificates it carries: signed attributes, the RSA signature. */
const SIGNATURE_OVERHEAD_BYTES = 3072;
const MIN_SIGNATURE_BYTES = 8192;
/** PAdES: a CAdES signature over the PDF's byte range. */
const SUBFILTER = 'ETSI.CAdES.detached';

export interface SignatureDetails {
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/**
 * Adds the empty signature field (an invisible widget on the current page) that the digital
 * signature will fill. Call it last, just before `doc.end()`: the placeholder's byte range
 * must cover everything else the document holds.
 */
export function addSignaturePlaceholder(doc: PdfDocument, credentials: CommitteeCredentials, details: SignatureDetails): void {
  pdfkitAddPlaceholder({
    pdf: doc,
    pdfBuffer: Buffer.alloc(0),
    reason: details.reason,
    contactInfo: details.contactInfo,
    name: credentials.certificate.subject,
    location: details.location,
    signingTime: details.signingTime,
    signatureLength: Math.max(MIN_SIGNATURE_BYTES, certificateBytes(credentials) + SIGNATURE_OVERHEAD_BYTES),
    subFilter: SUBFILTER,
    appName: 'MediationRoom',
  });
}

/** Signs the finished PDF, whose placeholder is filled, with the committee's key. */
export function signPdf(pdf: Buffer, credentials: CommitteeCredentials): Promise<Buffer> {
  return new SignPdf().sign(pdf, new CadesSigner(credentials));
}

function certificateBytes(credentials: CommitteeCredentials): number {
  return [credentials.certificateDer, ...credentials.chainDer].reduce((sum, der) => sum + der.length, 0);
}
