import type { KeyObject } from 'node:crypto';
import type { joinLinkRoutes } from '@mediation/shared';
import { authenticateJoinLink } from '../../auth/authenticate-join-link.js';
import type { Store } from '../../store/store.js';
import type { RouteHandlers } from '../mount-api-routes.js';

/**
 * A join link checked on its own, before the page greets anyone by name or asks for a
 * camera: expired, withdrawn, forged or for another room is said at once, with its code.
 */
export function joinLinkRouteHandlers(store: Store, secret: KeyObject): RouteHandlers<typeof joinLinkRoutes> {
  return {
    async checkJoinLink({ body }) {
      const claims = await authenticateJoinLink(store, secret, body);
      const participant = (await store.findParticipant(claims.sub))!;
      const found = await store.findCase(participant.caseId);
      return {
        name: participant.displayName,
        role: participant.role,
        caseNumber: found?.caseNumber ?? claims.caseNumber,
        caseTitle: found?.title ?? '',
      };
    },
  };
}
