import type { Request } from 'express';
import { DESK_PAGE_SIZE, ErrorCode, type CreatedCase, type deskRoutes, type RecordCheck } from '@mediation/shared';
import { verifyAuditChain } from '../../audit/verify-audit-chain.js';
import { applyDeskAction } from '../../cases/apply-desk-action.js';
import { caseSummary } from '../../cases/case-summary.js';
import { createCase, type CreateCaseDeps } from '../../cases/create-case.js';
import { issueJoinLinks } from '../../cases/issue-join-links.js';
import { AppError } from '../../errors/app-error.js';
import { authorizeDeskCase, committeeOf, type Principal } from '../../policy/policy.js';
import type { RoomDoors } from '../../rooms/room-doors.js';
import type { CaseWithSession } from '../../store/records.js';
import type { RouteHandlers } from '../mount-api-routes.js';
import { requestActor } from '../request-actor.js';

export interface DeskDeps extends CreateCaseDeps {
  /** Sends a person whose link is withdrawn out of their room's lobby and room. */
  doors: Pick<RoomDoors, 'sendAway'>;
  /** The service's public address for join links; without it, the address the request came to. */
  publicUrl: string | undefined;
}

/** The handlers of the desk's routes (shared/src/api/routes/desk-routes.ts). */
export function deskHandlers(deps: DeskDeps): RouteHandlers<typeof deskRoutes> {
  const { store } = deps;
  const baseUrlOf = (req: Request) => deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  /** The case a request names, if it is on the caller's desk. */
  const deskCase = async (principal: Principal, caseId: string): Promise<CaseWithSession> => {
    // Who has no desk is told so before anything of the case is looked up.
    committeeOf(principal);
    const found = await store.findCase(caseId);
    if (!found) throw new AppError(ErrorCode.notFound, 'No such case.');
    authorizeDeskCase(principal, found);
    return found;
  };

  /** A person of a case on the desk: not the mediator's own place (a co-mediator's may be), which they need to run the room. */
  const deskPerson = async (principal: Principal, caseId: string, participantId: string) => {
    const found = await deskCase(principal, caseId);
    const person = (await store.listParticipants(found.sessionId)).find((p) => p.id === participantId);
    if (!person) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
    if (person.accountId !== null) throw new AppError(ErrorCode.forbidden, 'The mediator’s own link cannot be withdrawn here.');
    return { found, person };
  };

  const summaryOf = async (caseId: string) => {
    const found = (await store.findCase(caseId))!;
    return caseSummary(found, await store.listParticipants(found.sessionId));
  };

  return {
    async listCases({ principal, query }) {
      const listing = await store.listDeskCases(committeeOf(principal), {
        status: query.status,
        search: query.q || undefined,
        limit: DESK_PAGE_SIZE,
        offset: (query.page - 1) * DESK_PAGE_SIZE,
      });
      return {
        cases: listing.cases.map((c) => caseSummary(c, c.participants)),
        page: query.page,
        pageSize: DESK_PAGE_SIZE,
        total: listing.total,
        counts: listing.counts,
      };
    },

    async createCase({ account, principal, body, req }) {
      const committeeId = committeeOf(principal);
      return createCase(deps, { id: account.id, displayName: account.displayName, committeeId }, body, baseUrlOf(req), requestActor(req, principal));
    },

    /** Fresh join links (links are not stored, only signed). */
    async caseLinks({ principal, params, req }) {
      const found = await deskCase(principal, params.caseId);
      const participants = await store.listParticipants(found.sessionId);
      await store.appendAudit({
        caseId: found.id,
        at: new Date().toISOString(),
        actor: requestActor(req, principal),
        type: 'case.links-issued',
        data: { participantIds: participants.filter((p) => p.revokedAt === null).map((p) => p.id) },
      });
      const body: CreatedCase = {
        caseId: found.id,
        caseNumber: found.caseNumber,
        title: found.title,
        roomId: found.sessionId,
        links: issueJoinLinks(deps, found, participants, baseUrlOf(req)),
        withdrawn: participants
          .filter((p) => p.revokedAt !== null)
          .map((p) => ({ participantId: p.id, displayName: p.displayName, role: p.role })),
      };
      return body;
    },

    /** The link stops working at once, and they leave the lobby or the room. */
    async withdrawLink({ principal, params, req }) {
      const { found, person } = await deskPerson(principal, params.caseId, params.participantId);
      const at = new Date().toISOString();
      await store.revokeParticipant(person.id, at);
      deps.doors.sendAway(found.sessionId, person.id);
      await store.appendAudit({
        caseId: found.id,
        at,
        actor: requestActor(req, principal),
        type: 'participant.link-revoked',
        data: { participantId: person.id, name: person.displayName },
      });
    },

    /** The new link works (even after a withdrawal), every older one no longer does. */
    async reissueLink({ principal, params, req }) {
      const { found, person } = await deskPerson(principal, params.caseId, params.participantId);
      const renewed = await store.reissueParticipantLink(person.id);
      if (!renewed) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
      await store.appendAudit({
        caseId: found.id,
        at: new Date().toISOString(),
        actor: requestActor(req, principal),
        type: 'participant.link-reissued',
        data: { participantId: person.id, name: person.displayName },
      });
      const [link] = issueJoinLinks(deps, found, [renewed], baseUrlOf(req));
      return link!;
    },

    async checkRecord({ principal, params }) {
      const found = await deskCase(principal, params.caseId);
      const entries = await store.listAudit(found.id);
      const verdict = verifyAuditChain(entries);
      const body: RecordCheck = verdict.valid
        ? verdict
        : { valid: false, entries: entries.length, brokenAt: { sequence: verdict.sequence, reason: verdict.reason } };
      return body;
    },

    async scheduleSession({ principal, params, body, req }) {
      const found = await deskCase(principal, params.caseId);
      await applyDeskAction(store, found.id, {
        kind: 'schedule',
        scheduledAt: new Date(body.scheduledAt).toISOString(),
        at: new Date().toISOString(),
        actor: requestActor(req, principal),
      });
      return summaryOf(found.id);
    },

    async recordOutcome({ principal, params, body, req }) {
      const found = await deskCase(principal, params.caseId);
      await applyDeskAction(store, found.id, {
        kind: 'record-outcome',
        outcome: body.outcome,
        note: body.note,
        at: new Date().toISOString(),
        actor: requestActor(req, principal),
      });
      return summaryOf(found.id);
    },
  };
}
