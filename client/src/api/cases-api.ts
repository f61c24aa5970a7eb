import type { CaseSummary, CreateCaseRequest, CreatedCase, RecordCheck } from '@mediation/shared';
import { requestJson } from './request-json';

export function listCases(): Promise<CaseSummary[]> {
  return requestJson<CaseSummary[]>('/api/cases');
}

/** Fresh personal join links of an existing case. */
export function caseLinks(caseId: string): Promise<CreatedCase> {
  return requestJson<CreatedCase>(`/api/cases/${encodeURIComponent(caseId)}/links`);
}

export function createCase(request: CreateCaseRequest): Promise<CreatedCase> {
  return requestJson<CreatedCase>('/api/cases', { method: 'POST', body: request });
}

/** The check of a case's audit log (its hash chain). */
export function checkCaseRecord(caseId: string): Promise<RecordCheck> {
  return requestJson<RecordCheck>(`/api/cases/${encodeURIComponent(caseId)}/record-check`);
}
