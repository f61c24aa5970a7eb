import type { KeyObject } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { DOCUMENT_NUMBER, ErrorCode } from '@mediation/shared';
import { verifyJoinToken } from '../../auth/join-token.js';
import { AppError } from '../../errors/app-error.js';
import { lookUpIssuedAgreement, verifyIssuedPdf } from '../../signing/verify-issued-agreement.js';
import type { CaseWithSession } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { requireAccount } from '../require-account.js';

/** Largest PDF accepted for verification. */
const MAX_VERIFY_BYTES = '20mb';

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

  router.post('/verify', express.raw({ type: 'application/pdf', limit: MAX_VERIFY_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new AppError(ErrorCode.validationFailed, 'Send the PDF as the body, with Content-Type application/pdf.');
    }
    res.json(await verifyIssuedPdf(store, req.body));
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
