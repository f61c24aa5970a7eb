/** How the service numbers the agreements it issues: MA-<year>-<six digits>, in issuing order. */
export function documentNumber(issuedAt: string, sequence: number): string {
  return `MA-${issuedAt.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}

/** A whole document number. */
export const DOCUMENT_NUMBER = /^MA-\d{4}-\d{6}$/;

/** Every document number in a text (a PDF's metadata). */
export const DOCUMENT_NUMBER_IN_TEXT = /MA-\d{4}-\d{6}/g;
