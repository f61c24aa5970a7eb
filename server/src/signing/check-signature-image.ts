import { PNG } from 'pngjs';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

/**
 * Refuses a drawn signature that the PDF could not show: the issued agreement decodes every
 * signature image, and one that fails there (a damaged PNG: junk, a cut end, a wrong
 * checksum) would leave a case signed by everyone and never issued, its signers unable to
 * sign again. So the image is decoded, as the PDF will decode it, before the signature is
 * stored. Its size in pixels is bounded by the schema (MAX_SIGNATURE_IMAGE_WIDTH / HEIGHT).
 */
export function checkSignatureImage(png: Uint8Array): void {
  try {
    PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch {
    throw new AppError(ErrorCode.validationFailed, 'signatureImage: not a readable PNG image');
  }
}
