import { z } from 'zod';
import { defineRoutes } from '../api-route.js';
import {
  CaseSummary,
  CreateCaseRequest,
  CreatedCase,
  DeskPage,
  DeskQuery,
  JoinLink,
  MAX_ID_LENGTH,
  RecordCheck,
  RecordOutcomeRequest,
  ScheduleSessionRequest,
} from '../cases.js';

const TAG = 'Desk';
const id = z.string().min(1).max(MAX_ID_LENGTH);
const CaseParams = z.object({ caseId: id });
const PersonParams = z.object({ caseId: id, participantId: id });

/**
 * The mediator's desk: the cases of their committee, each with its status, schedule,
 * people and links. Only a mediator has a desk; committee staff and administrators read
 * the archive instead. A case of another committee is NOT_FOUND.
 */
export const deskRoutes = defineRoutes({
  listCases: {
    method: 'get',
    path: '/api/cases',
    summary: 'The committee’s cases, newest first, by status and search, a page at a time',
    tag: TAG,
    auth: 'account',
    query: DeskQuery,
    response: DeskPage,
  },
  createCase: {
    method: 'post',
    path: '/api/cases',
    summary: 'Opens a case with its people; answers a personal join link for each',
    tag: TAG,
    auth: 'account',
    body: CreateCaseRequest,
    response: CreatedCase,
    status: 201,
  },
  caseLinks: {
    method: 'get',
    path: '/api/cases/:caseId/links',
    summary: 'Fresh join links of a case’s people (links are signed, not stored)',
    tag: TAG,
    auth: 'account',
    params: CaseParams,
    response: CreatedCase,
  },
  withdrawLink: {
    method: 'post',
    path: '/api/cases/:caseId/participants/:participantId/revoke',
    summary: 'Withdraws a person’s join link: it stops working at once, and they leave the lobby or the room',
    tag: TAG,
    auth: 'account',
    params: PersonParams,
  },
  reissueLink: {
    method: 'post',
    path: '/api/cases/:caseId/participants/:participantId/reissue',
    summary: 'Issues a person’s link anew: the new one works, every older one no longer does',
    tag: TAG,
    auth: 'account',
    params: PersonParams,
    response: JoinLink,
  },
  checkRecord: {
    method: 'get',
    path: '/api/cases/:caseId/record-check',
    summary: 'Checks the case’s audit log: every entry’s hash and its link to the one before',
    tag: TAG,
    auth: 'account',
    params: CaseParams,
    response: RecordCheck,
  },
  scheduleSession: {
    method: 'post',
    path: '/api/cases/:caseId/schedule',
    summary: 'Sets (or moves) the time of the case’s next session',
    description: 'The time must be in the future. A closed case gets no new session (CONFLICT).',
    tag: TAG,
    auth: 'account',
    params: CaseParams,
    body: ScheduleSessionRequest,
    response: CaseSummary,
  },
  recordOutcome: {
    method: 'post',
    path: '/api/cases/:caseId/outcome',
    summary: 'Records how the case ended: settled, not settled or withdrawn, with a note',
    description:
      'Settled only once its agreement is issued (issuing settles the case by itself); not settled or withdrawn need a note. A closed case is not reopened (CONFLICT).',
    tag: TAG,
    auth: 'account',
    params: CaseParams,
    body: RecordOutcomeRequest,
    response: CaseSummary,
  },
});
