import type { PdfDocument } from './pdf-document.js';

/** A rectangle of a page, in pdfkit's coordinates (points from the top left). */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A signature field's visible appearance: where it is, and the drawing a PDF reader shows there. */
export interface SignatureAppearance {
  /** The page's index in the document (its pages are buffered). */
  pageIndex: number;
  /** The field's rectangle in PDF user space: [left, bottom, right, top]. */
  rect: [number, number, number, number];
  /** The Form XObject a reader draws as the field's normal appearance. */
  stream: PDFKit.PDFKitReference;
}

interface PageResources {
  resources: PDFKit.PDFKitReference;
}

/**
 * Runs `draw` (ordinary pdfkit drawing on the current page, within `box`) into a Form
 * XObject instead of the page's content, for a signature field's appearance: the reader
 * then shows the drawing and the digital signature as one thing at one place, and a
 * click on it opens the signature. The drawing shares the page's resources (fonts, opacity).
 */
export function drawSignatureAppearance(doc: PdfDocument, box: PageBox, draw: () => void): SignatureAppearance {
  const operators: string[] = [];
  const own = doc as PdfDocument & { addContent: (data: string) => PdfDocument };
  own.addContent = (data: string) => {
    operators.push(data);
    return doc;
  };
  try {
    draw();
  } finally {
    delete (own as Partial<typeof own>).addContent;
  }
  const pageHeight = doc.page.height;
  const rect: SignatureAppearance['rect'] = [box.x, pageHeight - box.y - box.height, box.x + box.width, pageHeight - box.y];
  const stream = doc.ref({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: rect,
    Resources: (doc.page as unknown as PageResources).resources,
  });
  // pdfkit draws from the top left: the same flip its pages start with.
  stream.write(`1 0 0 -1 0 ${pageHeight} cm\n${operators.join('\n')}`);
  stream.end(undefined);
  return { pageIndex: currentPageIndex(doc), rect, stream };
}

/** pdfkit says which pages it buffers but not which of them is current. */
function currentPageIndex(doc: PdfDocument): number {
  const pages = (doc as unknown as { _pageBuffer: PDFKit.PDFPage[] })._pageBuffer;
  return doc.bufferedPageRange().start + pages.indexOf(doc.page);
}
