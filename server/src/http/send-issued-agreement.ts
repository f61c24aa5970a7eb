import type { Request, Response } from 'express';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeAgreementDownload, type Principal } from '../policy/policy.js';
import type { Store } from '../store/store.js';
import { requestActor } from './request-actor.js';

/**
 * Sends a case's issued agreement as a file to someone the policy lets have a copy. Who
 * took the copy, when and from where goes into the case's audit log before it leaves.
 */
export async function sendIssuedAgreement(store: Store, principal: Principal, caseId: string, req: Request, res: Response): Promise<void> {
  const found = await store.findCase(caseId);
  if (!found) throw new AppError(ErrorCode.notFound, 'No such case.');
  authorizeAgreementDownload(principal, found);
  const issued = await store.findIssuedAgreementOfCase(found.id);
  if (!issued) throw new AppError(ErrorCode.notFound, 'The agreement has not been issued yet.');
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
}
