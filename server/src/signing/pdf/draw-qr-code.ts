import QRCode from 'qrcode';
import type { PdfDocument } from './pdf-document.js';

/**
 * A QR code drawn as vector shapes (sharp at any zoom and in print) with a quiet zone of
 * four modules inside `size`. Dark modules next to each other in a row are one rectangle,
 * so no hairline seams show between them.
 */
export function drawQrCode(doc: PdfDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const module = size / (count + 8);
  const origin = { x: x + 4 * module, y: y + 4 * module };
  doc.save();
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column++;
      doc.rect(origin.x + start * module, origin.y + row * module, (column - start) * module, module);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
