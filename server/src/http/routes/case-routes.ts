import { Router, type Request } from 'express';
import { CreateCaseRequest, ErrorCode, type CaseSummary, type CreatedCase, type RecordCheck } from '@mediation/shared';
import { verifyAuditChain } from '../../audit/verify-audit-chain.js';
import { createCase, type CreateCaseDeps } from '../../cases/create-case.js';
import { issueJoinLinks } from '../../cases/issue-join-links.js';
import { AppError } from '../../errors/app-error.js';
import { validate } from '../../errors/validate.js';
import { authorizeCaseManagement, committeeOf, type AccountPrincipal } from '../../policy/policy.js';
import type { CaseWithSession } from '../../store/records.js';
import type { RoomDoors } from '../../rooms/room-doors.js';
import { requestActor } from '../request-actor.js';
import { requireAccountPrincipal } from '../require-account.js';

export interface CaseRoutesDeps extends CreateCaseDeps {
  /** Sends a person whose link is withdrawn out of their room's lobby and room. */
  doors: Pick<RoomDoors, 'sendAway'>;
}

export function caseRoutes(deps: CaseRoutesDeps, publicUrl: string | undefined): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const [, principal] = await requireAccountPrincipal(req, deps.store, deps.secret);
    const cases = await deps.store.listCases(committeeOf(principal));
    res.json(
      cases.map(
        (c): CaseSummary => ({
          id: c.id,
          caseNumber: c.caseNumber,
          title: c.title,
          category: c.category,
          createdAt: c.createdAt,
          roomId: c.sessionId,
          issuedAgreement: c.issued,
        }),
      ),
    );
  });

  /** The case a request names, if the signed-in account may run it. */
  const managedCase = async (req: Request<{ caseId: string }>): Promise<[CaseWithSession, AccountPrincipal]> => {
    const [, principal] = await requireAccountPrincipal(req, deps.store, deps.secret);
    const found = await deps.store.findCase(req.params.caseId);
    if (!found) throw new AppError(ErrorCode.notFound, 'No such case.');
    authorizeCaseManagement(principal, found);
    return [found, principal];
  };

  const baseUrlOf = (req: Request) => publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.post('/', async (req, res) => {
    const [account, principal] = await requireAccountPrincipal(req, deps.store, deps.secret);
    const committeeId = committeeOf(principal);
    const request = validate(CreateCaseRequest, req.body, 'body');
    res.status(201).json(await createCase(deps, { id: account.id, displayName: account.displayName, committeeId }, request, baseUrlOf(req), requestActor(req, principal)));
  });

  /** Fresh join links for a case of the account's committee (links are not stored, only signed). */
  router.get('/:caseId/links', async (req, res) => {
    const [found, account] = await managedCase(req);
    const participants = await deps.store.listParticipants(found.sessionId);
    await deps.store.appendAudit({
      caseId: found.id,
      at: new Date().toISOString(),
      actor: requestActor(req, account),
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
    res.json(body);
  });

  /** A person of a case the account runs: not the account's own place as mediator (a co-mediator's may be), which it needs to run the room. */
  const managedPerson = async (req: Request<{ caseId: string; participantId: string }>) => {
    const [found, account] = await managedCase(req);
    const person = (await deps.store.listParticipants(found.sessionId)).find((p) => p.id === req.params.participantId);
    if (!person) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
    if (person.accountId !== null) throw new AppError(ErrorCode.forbidden, 'The mediator’s own link cannot be withdrawn here.');
    return { found, account, person };
  };

  /** Withdraws a person's link: it stops working at once, and they leave the lobby or the room. */
  router.post('/:caseId/participants/:participantId/revoke', async (req, res) => {
    const { found, account, person } = await managedPerson(req);
    const at = new Date().toISOString();
    await deps.store.revokeParticipant(person.id, at);
    deps.doors.sendAway(found.sessionId, person.id);
    await deps.store.appendAudit({
      caseId: found.id,
      at,
      actor: requestActor(req, account),
      type: 'participant.link-revoked',
      data: { participantId: person.id, name: person.displayName },
    });
    res.status(204).end();
  });

  /** Issues a person's link anew: the new one works (even after a withdrawal), every older one no longer does. */
  router.post('/:caseId/participants/:participantId/reissue', async (req, res) => {
    const { found, account, person } = await managedPerson(req);
    const renewed = await deps.store.reissueParticipantLink(person.id);
    if (!renewed) throw new AppError(ErrorCode.notFound, 'No such person in this case.');
    await deps.store.appendAudit({
      caseId: found.id,
      at: new Date().toISOString(),
      actor: requestActor(req, account),
      type: 'participant.link-reissued',
      data: { participantId: person.id, name: person.displayName },
    });
    const [link] = issueJoinLinks(deps, found, [renewed], baseUrlOf(req));
    res.json(link);
  });

  /** The check of the case's audit log: every entry's hash, and each one's link to the one before. */
  router.get('/:caseId/record-check', async (req, res) => {
    const [found] = await managedCase(req);
    const entries = await deps.store.listAudit(found.id);
    const verdict = verifyAuditChain(entries);
    const body: RecordCheck = verdict.valid
      ? verdict
      : { valid: false, entries: entries.length, brokenAt: { sequence: verdict.sequence, reason: verdict.reason } };
    res.json(body);
  });

  return router;
}
