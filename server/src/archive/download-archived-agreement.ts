import { ErrorCode } from '@mediation/shared';
import type { AuditActor } from '../audit/audit-entry.js';
import { AppError } from '../errors/app-error.js';
import type { CaseWithSession, IssuedAgreementRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * The issued agreement of a case the caller may read (authorizeArchiveCase), its download
 * recorded in the case's audit log before the copy leaves: who took it, when, from where.
 */
export async function downloadArchivedAgreement(store: Store, found: CaseWithSession, actor: AuditActor): Promise<IssuedAgreementRecord> {
  const issued = await store.findIssuedAgreementOfCase(found.id);
  if (!issued) throw new AppError(ErrorCode.notFound, 'The agreement has not been issued yet.');
  await store.appendAudit({ caseId: found.id, at: new Date().toISOString(), actor, type: 'agreement.downloaded', data: { documentNumber: issued.documentNumber } });
  return issued;
}
