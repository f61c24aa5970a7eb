import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { DocumentNumberCounter } from './document-number-counter.js';

/** What verification needs to know of an uploaded file. */
export interface PdfEvidence {
  sha256: string;
  bytes: number;
  /** The document numbers the file names, the most frequent first (at most MAX_DISTINCT_NUMBERS). */
  documentNumbers: string[];
}

/**
 * Reads an upload as it arrives: each chunk (at most a socket read, 64 KB) is hashed and
 * searched for document numbers, then dropped. No request waits behind a whole file being
 * copied, hashed or scanned at once, and an upload holds a hash and a few counters in
 * memory, never the file. More than `maxBytes` is refused with PAYLOAD_TOO_LARGE.
 */
export function readPdfEvidence(upload: Readable, maxBytes: number): Promise<PdfEvidence> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const numbers = new DocumentNumberCounter();
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        stop();
        reject(new AppError(ErrorCode.payloadTooLarge, `A PDF to verify may be at most ${maxBytes} bytes.`));
        return;
      }
      hash.update(chunk);
      numbers.add(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ sha256: hash.digest('hex'), bytes, documentNumbers: numbers.mostFrequent() });
    };
    // The sender went away (a reset connection, an aborted request): theirs to retry, not the server's failure.
    const ended = () => {
      stop();
      reject(new AppError(ErrorCode.validationFailed, 'The upload ended before the whole file arrived.'));
    };
    const onError = ended;
    const onClose = ended;
    const stop = () => {
      upload.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      upload.pause();
    };
    upload.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
