import type { KeyObject } from 'node:crypto';
import { Router } from 'express';
import { CheckJoinLinkRequest, type CheckedJoinLink } from '@mediation/shared';
import { authenticateJoinLink } from '../../auth/authenticate-join-link.js';
import { validate } from '../../errors/validate.js';
import type { Store } from '../../store/store.js';

/**
 * A join link checked on its own, before the page greets anyone by name or asks for a
 * camera: expired, withdrawn, forged or for another room is said at once, with its code.
 */
export function joinLinkRoutes(store: Store, secret: KeyObject): Router {
  const router = Router();

  router.post('/check', async (req, res) => {
    const request = validate(CheckJoinLinkRequest, req.body, 'body');
    const claims = await authenticateJoinLink(store, secret, request);
    const participant = (await store.findParticipant(claims.sub))!;
    const found = await store.findCase(participant.caseId);
    const body: CheckedJoinLink = {
      name: participant.displayName,
      role: participant.role,
      caseNumber: found?.caseNumber ?? claims.caseNumber,
      caseTitle: found?.title ?? '',
    };
    res.json(body);
  });

  return router;
}
