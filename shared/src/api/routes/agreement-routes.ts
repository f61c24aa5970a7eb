import { z } from 'zod';
import { defineRoutes } from '../api-route.js';
import { MAX_ID_LENGTH } from '../cases.js';
import { VerificationReport } from '../../protocol/signing-payloads.js';
import { DOCUMENT_NUMBER } from '../../signing/document-number.js';

const TAG = 'Agreements';

const CaseParams = z.object({ caseId: z.string().min(1).max(MAX_ID_LENGTH) });

/**
 * The issued agreement: each participant downloads their copy (with their join link as
 * Bearer), the committee's accounts theirs; anyone can verify a PDF or a document number.
 */
export const agreementRoutes = defineRoutes({
  downloadAgreement: {
    method: 'get',
    path: '/api/cases/:caseId/agreement.pdf',
    summary: 'The signed agreement’s PDF, for the case’s people and the accounts (or keys) that reach it',
    description: 'Every download is written to the case’s audit log: who, when and from where. Observers receive no copy (FORBIDDEN).',
    tag: TAG,
    auth: 'principal',
    params: CaseParams,
    response: { mediaType: 'application/pdf' },
  },
  verifyPdf: {
    method: 'post',
    path: '/api/verify',
    summary: 'Checks a PDF: authentic (exactly the bytes issued), tampered (one of ours, changed), or not one of ours',
    description: 'Send the file itself as the body (at most 20 MB). Verifications are limited per address (RATE_LIMITED).',
    tag: TAG,
    auth: 'none',
    rawBody: 'application/pdf',
    response: VerificationReport,
  },
  verifyDocumentNumber: {
    method: 'get',
    path: '/api/verify/:documentNumber',
    summary: 'What the records say of a document number',
    description:
      'Anyone learns whether such a document exists, when and by which committee it was issued. Names and case details come only to a caller who may see the case (its people, its committee, a key that reaches it).',
    tag: TAG,
    auth: 'none',
    params: z.object({
      documentNumber: z
        .string()
        .regex(DOCUMENT_NUMBER, 'A document number looks like MA-2026-000123.')
        .meta({ description: 'The number printed on the agreement.', example: 'MA-2026-000123' }),
    }),
    response: VerificationReport,
  },
});
