import type { KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { ErrorCode, type agreementRoutes } from '@mediation/shared';
import { AppError } from '../../errors/app-error.js';
import { authorizeCaseRecords, type Principal } from '../../policy/policy.js';
import { readPdfEvidence } from '../../signing/read-pdf-evidence.js';
import { lookUpIssuedAgreement, verifyIssuedPdf } from '../../signing/verify-issued-agreement.js';
import type { Store } from '../../store/store.js';
import { AddressRateLimits } from '../address-rate-limits.js';
import type { RouteHandlers } from '../mount-api-routes.js';
import { recordVerification } from '../record-verification.js';
import { requestActor } from '../request-actor.js';
import { requirePrincipal } from '../require-principal.js';
import { sendIssuedAgreement } from '../send-issued-agreement.js';

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
 * The issued agreement (the table `agreementRoutes`): each participant downloads their
 * copy (with their join link's token), the committee's accounts theirs; anyone can verify
 * a PDF or a document number.
 */
export function agreementRouteHandlers(store: Store, secret: KeyObject): RouteHandlers<typeof agreementRoutes> {
  const verifications = new AddressRateLimits(VERIFICATIONS_PER_MINUTE, VERIFICATION_BURST, MAX_VERIFYING_ADDRESSES);
  const refuseWhenTooMany = (req: Request) => {
    if (!verifications.take(req.ip ?? '')) throw new AppError(ErrorCode.rateLimited, 'Too many verifications from your address; try again in a minute.');
  };

  /** The caller, if the request says who it is; a number alone needs nobody. */
  const optionalPrincipal = async (req: Request): Promise<Principal | null> => {
    try {
      return await requirePrincipal(req, store, secret);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  };

  return {
    async downloadAgreement({ params, principal, req, res }) {
      await sendIssuedAgreement(store, principal, params.caseId, req, res);
    },

    // The body is read here, as it arrives, not by a body parser: see readPdfEvidence.
    async verifyPdf({ req, res }) {
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
      await recordVerification(store, requestActor(req, null), report, 'upload');
      return report;
    },

    async verifyDocumentNumber({ params: { documentNumber }, req }) {
      refuseWhenTooMany(req);
      // Details only for someone with the right to see the case: a number alone is no such right.
      const principal = await optionalPrincipal(req);
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
      await recordVerification(store, requestActor(req, null), report, 'number');
      return report;
    },
  };
}
