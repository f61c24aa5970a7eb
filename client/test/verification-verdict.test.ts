import type { VerificationReport } from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import { normaliseDocumentNumber, verificationVerdict } from '../src/signing/verification-verdict';

const report = (authentic: boolean, tampered: boolean): VerificationReport => ({
  detail: 'full',
  authentic,
  tampered,
  documentNumber: 'MA-2026-000001',
  issuedAt: null,
  committee: null,
  caseNumber: null,
  version: null,
  agreementHash: null,
  pdfSha256: null,
  signers: [],
});

describe('the verdict of a verification', () => {
  it('calls a file authentic only when its bytes are the issued ones, and tampered when they differ', () => {
    expect(verificationVerdict(report(true, false), 'file')).toBe('authentic');
    expect(verificationVerdict(report(false, true), 'file')).toBe('tampered');
    expect(verificationVerdict(report(false, false), 'file')).toBe('unknown');
  });

  it('never calls a document number alone authentic: no bytes were compared, it was only found', () => {
    expect(verificationVerdict(report(true, false), 'number')).toBe('found');
    expect(verificationVerdict(report(false, false), 'number')).toBe('unknown');
  });
});

describe('a typed document number', () => {
  it('is accepted with stray spaces and in lower case, and refused in any other form', () => {
    expect(normaliseDocumentNumber(' ma-2026-000123 ')).toBe('MA-2026-000123');
    expect(normaliseDocumentNumber('MA-2026-123')).toBeNull();
    expect(normaliseDocumentNumber('MA-2026-000123/../x')).toBeNull();
  });
});
