import { ErrorCode, type CanonicalAgreement } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import { AppError } from '../errors/app-error.js';
import type { FreezeRecord } from '../store/records.js';

/** The canonical agreement exactly as frozen (from its saved version, not the live document). */
export async function frozenAgreement(drafting: CaseDrafting, frozen: FreezeRecord): Promise<CanonicalAgreement> {
  const version = await drafting.store.findAgreementVersion(drafting.caseId, frozen.versionId);
  if (!version) throw new AppError(ErrorCode.internal, 'The frozen version is missing.');
  return JSON.parse(version.canonicalJson) as CanonicalAgreement;
}
