import type { VerificationReport } from '@mediation/shared';
import type { AuditActor } from '../audit/audit-entry.js';
import type { Store } from '../store/store.js';

/**
 * A check of one of the service's documents goes into its case's audit log: who looked,
 * how, and what they were told. A check of something not ours records nothing.
 */
export async function recordVerification(store: Store, actor: AuditActor, report: VerificationReport, method: 'number' | 'upload'): Promise<void> {
  if (!report.documentNumber || !(report.authentic || report.tampered)) return;
  const issued = await store.findIssuedAgreement(report.documentNumber);
  if (!issued) return;
  await store.appendAudit({
    caseId: issued.caseId,
    at: new Date().toISOString(),
    actor,
    type: 'agreement.verified',
    data: { documentNumber: issued.documentNumber, method, verdict: report.authentic ? 'authentic' : 'tampered' },
  });
}
