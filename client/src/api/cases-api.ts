import type { CaseSummary, CreateCaseRequest, CreatedCase, JoinLink, RecordCheck } from '@mediation/shared';
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

/** Withdraws a person's join link: it stops working at once, and they leave the room. */
export function withdrawLink(caseId: string, participantId: string): Promise<void> {
  return requestJson<void>(`/api/cases/${encodeURIComponent(caseId)}/participants/${encodeURIComponent(participantId)}/revoke`, { method: 'POST' });
}

/** A new join link for a person; every link issued before it stops working. */
export function reissueLink(caseId: string, participantId: string): Promise<JoinLink> {
  return requestJson<JoinLink>(`/api/cases/${encodeURIComponent(caseId)}/participants/${encodeURIComponent(participantId)}/reissue`, { method: 'POST' });
}
