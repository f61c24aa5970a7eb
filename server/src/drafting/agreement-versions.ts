import {
  agreementText,
  ErrorCode,
  type AgreementVersionDetail,
  type AgreementVersionSummary,
  type CanonicalAgreement,
} from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { AgreementVersionRecord } from '../store/records.js';
import type { CaseDrafting } from './case-drafting.js';

export function toVersionSummary(record: Omit<AgreementVersionRecord, 'snapshot' | 'canonicalJson'>): AgreementVersionSummary {
  const { id, number, name, hash, savedBy, savedAt } = record;
  return { id, number, name, hash, savedBy, savedAt };
}

/** The case's saved versions, oldest first; everyone in the room may see them. */
export async function listAgreementVersions(drafting: CaseDrafting): Promise<AgreementVersionSummary[]> {
  return (await drafting.store.listAgreementVersions(drafting.caseId)).map(toVersionSummary);
}

/** One version's text, to compare with another or with the agreement as it is now. */
export async function getAgreementVersion(drafting: CaseDrafting, versionId: string): Promise<AgreementVersionDetail> {
  const record = await drafting.store.findAgreementVersion(drafting.caseId, versionId);
  if (!record) throw new AppError(ErrorCode.notFound, 'No such version of the agreement.');
  const canonical = JSON.parse(record.canonicalJson) as CanonicalAgreement;
  return { version: toVersionSummary(record), text: agreementText(canonical) };
}
