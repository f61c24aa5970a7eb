import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_NUMBER, ErrorCode } from '@mediation/shared';
import { MAX_DISTINCT_NUMBERS } from '../../server/src/signing/document-number-counter.js';
import { readPdfEvidence } from '../../server/src/signing/read-pdf-evidence.js';

const MAX = 1024 * 1024;

/** `bytes` as an upload arriving in chunks of `size` bytes. */
function arriving(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks, { objectMode: false });
}

describe('reading an uploaded file for verification', () => {
  it('gives the SHA-256 and size of the whole, however it arrives', async () => {
    const bytes = Buffer.alloc(300_000, 7);
    bytes.write('%PDF-1.7', 0, 'latin1');
    for (const size of [1, 13, 64 * 1024, bytes.length]) {
      const evidence = await readPdfEvidence(arriving(bytes, size), MAX);
      expect(evidence.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(evidence.bytes).toBe(bytes.length);
    }
  });

  it('finds the document numbers most frequent first', async () => {
    const text = 'MA-2026-000002 x MA-2026-000001 /Title (MA-2026-000001) MA-2026-000001 MA-2026-000002 MA-0999-000003';
    const { documentNumbers } = await readPdfEvidence(arriving(Buffer.from(text, 'latin1'), 1024), MAX);
    expect(documentNumbers).toEqual(['MA-2026-000001', 'MA-2026-000002', 'MA-0999-000003']);
    for (const number of documentNumbers) expect(number).toMatch(DOCUMENT_NUMBER);
  });

  it('counts each number once, whichever chunks it is split across', async () => {
    const bytes = Buffer.from('..MA-2026-000777....MA-2026-000777.MA-2026-000888.', 'latin1');
    for (const size of [1, 2, 3, 5, 7, 13, 14, 15, 20, bytes.length]) {
      const { documentNumbers } = await readPdfEvidence(arriving(bytes, size), MAX);
      expect([size, documentNumbers]).toEqual([size, ['MA-2026-000777', 'MA-2026-000888']]);
    }
  });

  it('skips what only looks like the start of a number, and finds a number right after it', async () => {
    const bytes = Buffer.from('MA-MA-2026-000001 MA-2026-00000x MA-2026_000002 MA-2026-000003', 'latin1');
    const { documentNumbers } = await readPdfEvidence(arriving(bytes, 4), MAX);
    expect(documentNumbers).toEqual(['MA-2026-000001', 'MA-2026-000003']);
  });

  it('counts at most a bounded number of different numbers, however many the file names', async () => {
    const numbers = Array.from({ length: 10_000 }, (_, i) => `MA-2026-${String(i).padStart(6, '0')}`);
    const { documentNumbers } = await readPdfEvidence(arriving(Buffer.from(numbers.join(''), 'latin1'), 64 * 1024), MAX);
    expect(documentNumbers).toHaveLength(MAX_DISTINCT_NUMBERS);
  });

  it('ranks a number named again after a flood of others above each of them', async () => {
    const own = 'MA-2026-000123';
    const flood = Array.from({ length: 5_000 }, (_, i) => `MA-2027-${String(i).padStart(6, '0')}`).join(' ');
    const { documentNumbers } = await readPdfEvidence(arriving(Buffer.from(`${own} ${flood} ${own}`, 'latin1'), 64 * 1024), MAX);
    expect(documentNumbers[0]).toBe(own);
  });

  it('refuses a file over the limit with PAYLOAD_TOO_LARGE', async () => {
    await expect(readPdfEvidence(arriving(Buffer.alloc(MAX + 1), 64 * 1024), MAX)).rejects.toMatchObject({ code: ErrorCode.payloadTooLarge });
  });
});
