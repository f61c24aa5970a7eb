import { z } from 'zod';
import { defineRoutes } from '../api-route.js';
import { CreatedCase, MAX_ID_LENGTH } from '../cases.js';
import { FileCaseRequest, PlatformCommitteeList } from '../platform.js';
import { VerificationReport } from '../../protocol/signing-payloads.js';

/** The API page's section of everything an API key may call. */
export const PLATFORM_TAG = 'Platform';

const id = z.string().min(1).max(MAX_ID_LENGTH);
const CaseParams = z.object({ caseId: id });

/**
 * The API for other platforms (a court's or a hotline's case system), by API key
 * (`Authorization: Bearer mrk_…`). A key reaches the committees and cases in and below its
 * region; anything else is NOT_FOUND, so ids cannot be probed. Requests are rate-limited
 * per key (RATE_LIMITED).
 */
export const platformRoutes = defineRoutes({
  listPlatformCommittees: {
    method: 'get',
    path: '/api/v1/committees',
    summary: 'The committees within the key’s region, with their mediators',
    tag: PLATFORM_TAG,
    auth: 'api-key',
    response: PlatformCommitteeList,
  },
  fileCase: {
    method: 'post',
    path: '/api/v1/committees/:committeeId/cases',
    summary: 'Files a case with a committee, with its parties; answers a personal join link for each',
    description:
      'The case is run by the committee’s mediator named by `mediatorEmail` (NOT_FOUND if the committee has no such mediator). Send each party their own link: it opens the video room on a phone or a computer, no account needed.',
    tag: PLATFORM_TAG,
    auth: 'api-key',
    params: z.object({ committeeId: id }),
    body: FileCaseRequest,
    response: CreatedCase,
    status: 201,
  },
  platformCaseLinks: {
    method: 'get',
    path: '/api/v1/cases/:caseId/links',
    summary: 'Fresh join links of a case’s people (links are signed, not stored; those withdrawn are listed apart)',
    tag: PLATFORM_TAG,
    auth: 'api-key',
    params: CaseParams,
    response: CreatedCase,
  },
  platformAgreementPdf: {
    method: 'get',
    path: '/api/v1/cases/:caseId/agreement.pdf',
    summary: 'The issued agreement’s signed PDF (NOT_FOUND until it is issued)',
    description: 'The download is written to the case’s audit log with the key as the one who took the copy.',
    tag: PLATFORM_TAG,
    auth: 'api-key',
    params: CaseParams,
    response: { mediaType: 'application/pdf' },
  },
  platformVerification: {
    method: 'get',
    path: '/api/v1/cases/:caseId/verification',
    summary: 'The check of the case’s issued agreement: on record, by whom and when it was signed, each signature checked again',
    tag: PLATFORM_TAG,
    auth: 'api-key',
    params: CaseParams,
    response: VerificationReport,
  },
});
