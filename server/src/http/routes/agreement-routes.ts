import type { KeyObject } from 'node:crypto';
import { Router, type Request } from 'express';
import { DOCUMENT_NUMBER, ErrorCode } from '@mediation/shared';
import { verifyJoinToken } from '../../auth/join-token.js';
import { AppError } from '../../errors/app-error.js';
import { readPdfEvidence } from '../../signing/read-pdf-evidence.js';
import { lookUpIssuedAgreement, verifyIssuedPdf } from '../../signing/verify-issued-agreement.js';
import type { CaseWithSession } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { requireAccount } from '../require-account.js';

/**
 * Largest PDF accepted for verification. An issued PDF has no tight bound below this: up
 * to eight drawn signatures (each up to 200 KB as sent, re-encoded for the PDF) and an
 * agreement of any length. An upload is never held in memory whole (readPdfEvidence), so
 * this bounds only how long one may take.
 */
const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

/**
 * The issued agreement: each participant downloads their copy (with their join link's
 * token), the committee's accounts theirs; anyone can verify a PDF or a document number.
 */
export function agreementRoutes(store: Store, secret: KeyObject): Router {
  const router = Router();

  router.get('/cases/:caseId/agreement.pdf', async (req, res) => {
    const found = await store.findCase(req.params.caseId);
    if (!found) throw new AppError(ErrorCode.notFound, 'No such case.');
    await requireCaseMember(req, store, secret, found);
    const issued = await store.findIssuedAgreementOfCase(found.id);
    if (!issued) throw new AppError(ErrorCode.notFound, 'The agreement has not been issued yet.');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${issued.documentNumber}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(Buffer.from(issued.pdf));
  });

  // The body is read here, as it arrives, not by a body parser: see readPdfEvidence.
  router.post('/verify', async (req, res) => {
    if (!req.is('application/pdf')) {
      throw new AppError(ErrorCode.validationFailed, 'Send the PDF as the body, with Content-Type application/pdf.');
    }
    if (Number(req.get('content-length')) > MAX_VERIFY_BYTES) {
      // Answered before reading: the connection closes rather than take the rest.
      res.setHeader('Connection', 'close');
      throw new AppError(ErrorCode.payloadTooLarge, `A PDF to verify may be at most ${MAX_VERIFY_BYTES} bytes.`);
    }
    const evidence = await readPdfEvidence(req, MAX_VERIFY_BYTES).catch((error: unknown) => {
      if (error instanceof AppError && error.code === ErrorCode.payloadTooLarge) res.setHeader('Connection', 'close');
      throw error;
    });
    if (evidence.bytes === 0) {
      throw new AppError(ErrorCode.validationFailed, 'Send the PDF as the body, with Content-Type application/pdf.');
    }
    res.json(await verifyIssuedPdf(store, evidence));
  });

  router.get('/verify/:documentNumber', async (req, res) => {
    const { documentNumber } = req.params;
    if (!DOCUMENT_NUMBER.test(documentNumber)) {
      throw new AppError(ErrorCode.validationFailed, 'A document number looks like MA-2026-000123.');
    }
    res.json(await lookUpIssuedAgreement(store, documentNumber));
  });

  return router;
}

/** A participant of the case (their join token as Bearer) or an account of its committee. */
async function requireCaseMember(req: Request, store: Store, secret: KeyObject, found: CaseWithSession): Promise<void> {
  const header = req.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  if (bearer) {
    try {
      const claims = verifyJoinToken(secret, bearer, found.sessionId);
      const participant = await store.findParticipant(claims.sub);
      if (participant && participant.caseId === found.id && !participant.revokedAt) return;
    } catch {
      // Not a join token of this case: it may still be an account session.
    }
  }
  const account = await requireAccount(req, store, secret);
  if (account.committeeId !== found.committeeId) throw new AppError(ErrorCode.notFound, 'No such case.');
}
