import { Router } from 'express';
import { CreateCaseRequest, type CaseSummary } from '@mediation/shared';
import { createCase, type CreateCaseDeps } from '../../cases/create-case.js';
import { parseBody } from '../parse-body.js';
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
        }),
      ),
    );
  });

  router.post('/', async (req, res) => {
    const account = await requireAccount(req, deps.store, deps.secret);
    const request = parseBody(CreateCaseRequest, req.body);
    const baseUrl = publicUrl ?? `${req.protocol}://${req.get('host')}`;
    res.status(201).json(await createCase(deps, account, request, baseUrl));
  });

  return router;
}
