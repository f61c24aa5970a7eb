import type { Prng } from './prng.js';

/** The most a verification upload may be (the route's own limit is 20 MB). */
const MAX_PDF_BYTES = 20 * 1024 * 1024;

/**
 * A PDF-looking body full of strings that look like document numbers (`MA-2026-000001`):
 * the verification route reads every one of them, so their count and variety is the load.
 */
export function pdfWithDocumentNumbers(prng: Prng): Uint8Array {
  // Large uploads are rare: each holds the service for seconds, and a few show it.
  const size = prng.weighted<number>([
    [prng.size(64 * 1024), 970],
    [prng.between(1, 4) * 1024 * 1024, 25],
    [prng.between(MAX_PDF_BYTES - 1024 * 1024, MAX_PDF_BYTES + 1024 * 1024), 5],
  ]);
  const distinct = prng.chance(0.6);
  const year = prng.pick([2026, 2025, 9999, 0]);
  const start = prng.int(900_000);
  const header = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n';
  const buffer = Buffer.alloc(size);
  let at = buffer.write(header, 0, 'latin1');
  for (let n = 0; at < size - 32; n++) {
    const number = distinct ? (start + n) % 1_000_000 : start;
    at += buffer.write(`MA-${String(year).padStart(4, '0')}-${String(number).padStart(6, '0')} `, at, 'latin1');
  }
  buffer.write('\n%%EOF', Math.max(0, size - 6), 'latin1');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A few kilobytes that only start like a PDF, or not even that. */
export function junkPdf(prng: Prng): Uint8Array {
  const head = prng.pick(['%PDF-1.7\n', '%PDF-', '', '\u0000\u0000', '%PDF-1.7\n/Type /Sig /Contents <']);
  return new Uint8Array(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(prng.bytes(prng.size(8 * 1024)))]));
}
