import type { KeyObject } from 'node:crypto';
import { Router, type Request } from 'express';
import { DOCUMENT_NUMBER, ErrorCode, type VerificationReport } from '@mediation/shared';
import { AppError } from '../../errors/app-error.js';
import { readPdfEvidence } from '../../signing/read-pdf-evidence.js';
import { lookUpIssuedAgreement, verifyIssuedPdf } from '../../signing/verify-issued-agreement.js';
import type { Store } from '../../store/store.js';
import { authorizeAgreementDownload, authorizeCaseRecords } from '../../policy/policy.js';
import { AddressRateLimits } from '../address-rate-limits.js';
import { requestActor } from '../request-actor.js';
import { requirePrincipal } from '../require-principal.js';

/**
 * Largest PDF accepted for verification. An issued PDF has no tight bound below this: up
 * to eight drawn signatures (each up to 200 KB as sent, re-encoded for the PDF) and an
 * agreement of any length. An upload is never held in memory whole (readPdfEvidence), so
 * this bounds only how long one may take.
 */
const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

/**
 * Verifications (uploads and number look-ups) one source address may ask for: a burst,
 * then one every three seconds. Enough for anyone checking their documents; walking the
 * numbers, or hashing upload after upload, is slowed to a crawl.
 */
const VERIFICATION_BURST = 30;
const VERIFICATIONS_PER_MINUTE = 20;
/** Addresses tracked at once (a bucket each, about 100 bytes). */
const MAX_VERIFYING_ADDRESSES = 50_000;

/**
 * The issued agreement: each participant downloads their copy (with their join link's
 * token), the committee's accounts theirs; anyone can verify a PDF or a document number.
 */
export function agreementRoutes(store: Store, secret: KeyObject): Router {
  const router = Router();
  const verifications = new AddressRateLimits(VERIFICATIONS_PER_MINUTE, VERIFICATION_BURST, MAX_VERIFYING_ADDRESSES);
  const refuseWhenTooMany = (req: Request) => {
    if (!verifications.take(req.ip ?? '')) throw new AppError(ErrorCode.rateLimited, 'Too many verifications from your address; try again in a minute.');
  };

  router.get('/cases/:caseId/agreement.pdf', async (req, res) => {
    const principal = await requirePrincipal(req, store, secret);
    const found = await store.findCase(req.params.caseId);
    if (!found) throw new AppError(ErrorCode.notFound, 'No such case.');
    authorizeAgreementDownload(principal, found);
    const issued = await store.findIssuedAgreementOfCase(found.id);
    if (!issued) throw new AppError(ErrorCode.notFound, 'The agreement has not been issued yet.');
    // Who took a copy, when and from where, before the copy leaves.
    await store.appendAudit({
      caseId: found.id,
      at: new Date().toISOString(),
      actor: requestActor(req, principal),
      type: 'agreement.downloaded',
      data: { documentNumber: issued.documentNumber },
    });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${issued.documentNumber}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(Buffer.from(issued.pdf));
  });

  // The body is read here, as it arrives, not by a body parser: see readPdfEvidence.
  router.post('/verify', async (req, res) => {
    refuseWhenTooMany(req);
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
    const report = await verifyIssuedPdf(store, evidence);
    await recordVerification(store, req, report, 'upload');
    res.json(report);
  });

  router.get('/verify/:documentNumber', async (req, res) => {
    const { documentNumber } = req.params;
    if (!DOCUMENT_NUMBER.test(documentNumber)) {
      throw new AppError(ErrorCode.validationFailed, 'A document number looks like MA-2026-000123.');
    }
    refuseWhenTooMany(req);
    // Details only for someone with the right to see the case: a number alone is no such right.
    const principal = await requirePrincipal(req, store, secret).catch(() => null);
    const report = await lookUpIssuedAgreement(store, documentNumber, async (caseId) => {
      const found = principal && (await store.findCase(caseId));
      if (!principal || !found) return false;
      try {
        authorizeCaseRecords(principal, found);
        return true;
      } catch {
        return false;
      }
    });
    await recordVerification(store, req, report, 'number');
    res.json(report);
  });

  return router;
}

/** A check of one of the service's documents goes into its case's audit log: who looked, how, and what they were told. */
async function recordVerification(store: Store, req: Request, report: VerificationReport, method: 'number' | 'upload'): Promise<void> {
  if (!report.documentNumber || !(report.authentic || report.tampered)) return;
  const issued = await store.findIssuedAgreement(report.documentNumber);
  if (!issued) return;
  await store.appendAudit({
    caseId: issued.caseId,
    at: new Date().toISOString(),
    actor: requestActor(req, null),
    type: 'agreement.verified',
    data: { documentNumber: issued.documentNumber, method, verdict: report.authentic ? 'authentic' : 'tampered' },
  });
}
