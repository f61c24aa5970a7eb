import { Router, type Request } from 'express';
import { CreateCaseRequest, ErrorCode, type CaseSummary, type CreatedCase } from '@mediation/shared';
import { createCase, type CreateCaseDeps } from '../../cases/create-case.js';
import { issueJoinLinks } from '../../cases/issue-join-links.js';
import { AppError } from '../../errors/app-error.js';
import { validate } from '../../errors/validate.js';
import { requireAccount } from '../require-account.js';

export function caseRoutes(deps: CreateCaseDeps, publicUrl: string | undefined): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const account = await requireAccount(req, deps.store, deps.secret);
    const cases = await deps.store.listCases(account.committeeId);
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

  const baseUrlOf = (req: Request) => publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.post('/', async (req, res) => {
    const account = await requireAccount(req, deps.store, deps.secret);
    const request = validate(CreateCaseRequest, req.body, 'body');
    res.status(201).json(await createCase(deps, account, request, baseUrlOf(req)));
  });

  /** Fresh join links for a case of the account's committee (links are not stored, only signed). */
  router.get('/:caseId/links', async (req, res) => {
    const account = await requireAccount(req, deps.store, deps.secret);
    const found = await deps.store.findCase(req.params.caseId);
    if (!found || found.committeeId !== account.committeeId) throw new AppError(ErrorCode.notFound, 'No such case.');
    const participants = await deps.store.listParticipants(found.sessionId);
    const body: CreatedCase = { caseId: found.id, roomId: found.sessionId, links: issueJoinLinks(deps, found, participants, baseUrlOf(req)) };
    res.json(body);
  });

  return router;
}
