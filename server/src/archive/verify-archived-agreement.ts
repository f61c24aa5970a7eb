import { ErrorCode, type VerificationReport } from '@mediation/shared';
import type { AuditActor } from '../audit/audit-entry.js';
import { AppError } from '../errors/app-error.js';
import { verifyIssuedPdf } from '../signing/verify-issued-agreement.js';
import type { CaseWithSession } from '../store/records.js';
import type { Store } from '../store/store.js';
import { storedPdfEvidence } from './stored-pdf-evidence.js';

/**
 * Checks the PDF the archive keeps for a case the caller may read (authorizeArchiveCase),
 * as the public verification checks an upload, and records the check and its verdict in
 * the case's audit log. A stored copy that is not exactly what was issued is tampered.
 */
export async function verifyArchivedAgreement(store: Store, found: CaseWithSession, actor: AuditActor): Promise<VerificationReport> {
  const issued = await store.findIssuedAgreementOfCase(found.id);
  if (!issued) throw new AppError(ErrorCode.notFound, 'The agreement has not been issued yet.');
  const report = await verifyIssuedPdf(store, storedPdfEvidence(issued.pdf));
  await store.appendAudit({
    caseId: found.id,
    at: new Date().toISOString(),
    actor,
    type: 'agreement.verified',
    data: { documentNumber: issued.documentNumber, method: 'archive', verdict: report.authentic ? 'authentic' : 'tampered' },
  });
  return report;
}
