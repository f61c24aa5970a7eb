import { archiveRoutes, pathOf, type ArchiveAccessPage, type ArchiveCaseRecord, type ArchiveSearchResult, type VerificationReport } from '@mediation/shared';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CodedError } from '../errors/coded-error';
import { errorFromBody, requestJson } from './request-json';

/** A PDF of a few megabytes over a phone's connection. */
const PDF_TIMEOUT_MS = 60_000;

/** The archive's search parameters as the page holds them: empty ones are left out. */
export type ArchiveSearchParams = Partial<Record<'q' | 'category' | 'status' | 'from' | 'to' | 'sort' | 'page' | 'pageSize', string>>;

const withQuery = (path: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]));
  return query.size === 0 ? path : `${path}?${query}`;
};

export function searchArchive(params: ArchiveSearchParams): Promise<ArchiveSearchResult> {
  return requestJson<ArchiveSearchResult>(withQuery(pathOf(archiveRoutes.searchArchive), params));
}

export function readArchivedCase(caseId: string): Promise<ArchiveCaseRecord> {
  return requestJson<ArchiveCaseRecord>(pathOf(archiveRoutes.readArchivedCase, { caseId }));
}

export function verifyArchivedAgreement(caseId: string): Promise<VerificationReport> {
  return requestJson<VerificationReport>(pathOf(archiveRoutes.verifyArchivedAgreement, { caseId }), { method: 'POST' });
}

export function listArchiveAccess(params: { caseId?: string; before?: number }): Promise<ArchiveAccessPage> {
  return requestJson<ArchiveAccessPage>(withQuery(pathOf(archiveRoutes.listArchiveAccess), { caseId: params.caseId, before: params.before?.toString() }));
}

/** The issued agreement's PDF, with the session cookie (the download is recorded). */
export async function downloadArchivedAgreement(caseId: string): Promise<Blob> {
  const path = pathOf(archiveRoutes.downloadArchivedAgreement, { caseId });
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/pdf' }, signal: AbortSignal.timeout(PDF_TIMEOUT_MS) });
  } catch (error) {
    throw new CodedError(ClientErrorCode.networkError, `${path} failed: ${String(error)}`);
  }
  if (!response.ok) throw errorFromBody(response.status, await response.json().catch(() => undefined));
  return response.blob();
}
