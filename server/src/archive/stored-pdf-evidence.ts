import { createHash } from 'node:crypto';
import type { PdfEvidence } from '../signing/read-pdf-evidence.js';
import { DocumentNumberCounter } from '../signing/document-number-counter.js';

/**
 * What verification needs of the PDF the archive keeps, read from its stored bytes as an
 * upload of them would be: checking the archived copy is checking exactly what a download
 * gives, so a copy changed in storage is found tampered like any other.
 */
export function storedPdfEvidence(pdf: Uint8Array): PdfEvidence {
  const numbers = new DocumentNumberCounter();
  numbers.add(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  return { sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.byteLength, documentNumbers: numbers.mostFrequent() };
}
