import { SignPdf } from '@signpdf/signpdf';
import { ANNOTATION_FLAGS, DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS } from '@signpdf/utils';
import type { CommitteeCredentials } from '../certificates/committee-credentials.js';
import { CadesSigner } from './cades-signer.js';
import type { PdfDocument } from './pdf-document.js';
import type { SignatureAppearance } from './signature-appearance.js';

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
 * Adds the signature field that the digital signature will fill, shown where `appearance`
 * was drawn (the committee's seal), so a reader shows the seal and its signature as one.
 * This is @signpdf/placeholder-pdfkit's placeholder with a visible, printed appearance,
 * which that package cannot give. Call it last, just before `doc.end()`: the placeholder's
 * byte range must cover everything else the document holds.
 */
export function addSignaturePlaceholder(
  doc: PdfDocument,
  credentials: CommitteeCredentials,
  details: SignatureDetails,
  appearance: SignatureAppearance,
): void {
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(Math.max(MIN_SIGNATURE_BYTES, certificateBytes(credentials) + SIGNATURE_OVERHEAD_BYTES)),
    Reason: new String(details.reason),
    M: details.signingTime,
    ContactInfo: new String(details.contactInfo),
    Name: new String(credentials.certificate.subject),
    Location: new String(details.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'MediationRoom' } },
  });
  const form = acroForm(doc);
  doc.switchToPage(appearance.pageIndex);
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: appearance.rect,
    F: ANNOTATION_FLAGS.PRINT | ANNOTATION_FLAGS.READ_ONLY,
    AP: { N: appearance.stream },
    V: signature,
    T: new String(`Signature${form.Fields.length + 1}`),
    P: doc.page.dictionary,
  });
  doc.page.annotations.push(widget);
  form.Fields.push(widget);
  signature.end(undefined);
  widget.end(undefined);
}

interface AcroForm {
  Fields: PDFKit.PDFKitReference[];
}

/** The document's form, marked as holding a signature that later changes may only append to. */
function acroForm(doc: PdfDocument): AcroForm {
  const pdf = doc as PdfDocument & { _acroform?: unknown; _root: { data: { AcroForm: PDFKit.PDFKitReference } } };
  if (!pdf._acroform) doc.initForm();
  const form = pdf._root.data.AcroForm;
  const data = form.data as unknown as AcroForm & { DR?: unknown };
  form.data = { Type: 'AcroForm', SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY, Fields: data.Fields, DR: data.DR } as unknown as typeof form.data;
  return form.data as unknown as AcroForm;
}

/** Signs the finished PDF, whose placeholder is filled, with the committee's key. */
export function signPdf(pdf: Buffer, credentials: CommitteeCredentials): Promise<Buffer> {
  return new SignPdf().sign(pdf, new CadesSigner(credentials));
}

function certificateBytes(credentials: CommitteeCredentials): number {
  return [credentials.certificateDer, ...credentials.chainDer].reduce((sum, der) => sum + der.length, 0);
}
