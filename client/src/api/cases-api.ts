import {
  deskRoutes,
  pathOf,
  type ApiRoute,
  type CaseStatus,
  type CaseSummary,
  type CreateCaseRequest,
  type CreatedCase,
  type DeskPage,
  type JoinLink,
  type RecordCheck,
  type RecordOutcomeInput,
} from '@mediation/shared';
import { requestJson } from './request-json';

/** Calls a route of the desk's table with its path parameters, query and body. */
function callRoute<T>(
  route: ApiRoute,
  { params, query, body }: { params?: Record<string, string>; query?: Record<string, string | number | undefined>; body?: unknown } = {},
): Promise<T> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(name, String(value));
  const path = pathOf(route, params) + (search.toString() ? `?${search}` : '');
  return requestJson<T>(path, { method: route.method === 'get' ? 'GET' : 'POST', body });
}

export interface DeskFilter {
  status?: CaseStatus;
  /** Part of the case number or title. */
  q?: string;
  page?: number;
}

/** A page of the committee's cases, newest first, with the count of each status. */
export function listCases(filter: DeskFilter = {}): Promise<DeskPage> {
  return callRoute<DeskPage>(deskRoutes.listCases, { query: { status: filter.status, q: filter.q, page: filter.page } });
}

/** Fresh personal join links of an existing case. */
export function caseLinks(caseId: string): Promise<CreatedCase> {
  return callRoute<CreatedCase>(deskRoutes.caseLinks, { params: { caseId } });
}

export function createCase(request: CreateCaseRequest): Promise<CreatedCase> {
  return callRoute<CreatedCase>(deskRoutes.createCase, { body: request });
}

/** The check of a case's audit log (its hash chain). */
export function checkCaseRecord(caseId: string): Promise<RecordCheck> {
  return callRoute<RecordCheck>(deskRoutes.checkRecord, { params: { caseId } });
}

/** Withdraws a person's join link: it stops working at once, and they leave the room. */
export function withdrawLink(caseId: string, participantId: string): Promise<void> {
  return callRoute<void>(deskRoutes.withdrawLink, { params: { caseId, participantId } });
}

/** A new join link for a person; every link issued before it stops working. */
export function reissueLink(caseId: string, participantId: string): Promise<JoinLink> {
  return callRoute<JoinLink>(deskRoutes.reissueLink, { params: { caseId, participantId } });
}

/** Sets (or moves) the time of the case's next session; `scheduledAt` is an ISO time in the future. */
export function scheduleSession(caseId: string, scheduledAt: string): Promise<CaseSummary> {
  return callRoute<CaseSummary>(deskRoutes.scheduleSession, { params: { caseId }, body: { scheduledAt } });
}

/** Records how the case ended. */
export function recordOutcome(caseId: string, outcome: RecordOutcomeInput): Promise<CaseSummary> {
  return callRoute<CaseSummary>(deskRoutes.recordOutcome, { params: { caseId }, body: outcome });
}
