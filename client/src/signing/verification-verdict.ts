import { DOCUMENT_NUMBER, type VerificationReport } from '@mediation/shared';

/**
 * What a check says, in the words the page shows it: a file is authentic, tampered or not
 * ours; a number alone can only be found (issued by this service) or not, since no bytes
 * were compared.
 */
export type VerificationVerdict = 'authentic' | 'found' | 'tampered' | 'unknown';

export function verificationVerdict(report: VerificationReport, checked: 'file' | 'number'): VerificationVerdict {
  if (report.tampered) return 'tampered';
  if (report.authentic) return checked === 'file' ? 'authentic' : 'found';
  return 'unknown';
}

/** A typed document number in the service's form (spaces dropped, letters upper-case), or null. */
export function normaliseDocumentNumber(typed: string): string | null {
  const number = typed.replace(/\s+/g, '').toUpperCase();
  return DOCUMENT_NUMBER.test(number) ? number : null;
}
