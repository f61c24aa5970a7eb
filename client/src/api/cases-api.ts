import type { CaseSummary, CreateCaseRequest, CreatedCase } from '@mediation/shared';
import { requestJson } from './request-json';

export function listCases(): Promise<CaseSummary[]> {
  return requestJson<CaseSummary[]>('/api/cases');
}

export function createCase(request: CreateCaseRequest): Promise<CreatedCase> {
  return requestJson<CreatedCase>('/api/cases', { method: 'POST', body: request });
}
