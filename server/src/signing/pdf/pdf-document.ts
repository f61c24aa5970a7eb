/// <reference types="pdfkit" />
// pdfkit's types are a global namespace; the project's tsconfig loads only Node's globals.

export type PdfDocument = PDFKit.PDFDocument;
export type PdfTextOptions = PDFKit.Mixins.TextOptions;
