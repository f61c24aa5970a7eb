import type { VerificationReport } from '@mediation/shared';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CodedError } from '../errors/coded-error';
import { errorFromBody, requestJson } from './request-json';

/** A PDF of a few megabytes over a phone's connection. */
const PDF_TIMEOUT_MS = 60_000;

/** A participant's copy of the issued agreement, fetched with their join link's token. */
export async function downloadIssuedAgreement(caseId: string, joinToken: string): Promise<Blob> {
  const path = `/api/cases/${encodeURIComponent(caseId)}/agreement.pdf`;
  const response = await send(path, { headers: { Accept: 'application/pdf', Authorization: `Bearer ${joinToken}` } });
  if (!response.ok) throw errorFromBody(response.status, await response.json().catch(() => undefined));
  return response.blob();
}

/** The service's verdict on a PDF file: authentic, tampered, or not one of its documents. */
export async function verifyPdf(pdf: Blob): Promise<VerificationReport> {
  const response = await send('/api/verify', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/pdf' },
    body: pdf,
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(response.status, payload);
  return payload as VerificationReport;
}

/** What the service's records hold of a document number. */
export function lookUpDocument(documentNumber: string): Promise<VerificationReport> {
  return requestJson<VerificationReport>(`/api/verify/${encodeURIComponent(documentNumber)}`);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', signal: AbortSignal.timeout(PDF_TIMEOUT_MS), ...init });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new CodedError(ClientErrorCode.requestTimeout, `${path} timed out`);
    }
    throw new CodedError(ClientErrorCode.networkError, `${path} failed: ${String(error)}`);
  }
}
