import { defineRoutes } from '../api-route.js';
import { CheckedJoinLink, CheckJoinLinkRequest } from '../join-claims.js';

/** A personal join link checked on its own, before the page greets anyone by name or asks for a camera. */
export const joinLinkRoutes = defineRoutes({
  checkJoinLink: {
    method: 'post',
    path: '/api/join-link/check',
    summary: 'Whether a join link is good for its room, and whom it is for',
    description:
      'An expired, withdrawn, forged link or one for another room is refused at once with its code (TOKEN_EXPIRED, TOKEN_REVOKED, TOKEN_BAD_SIGNATURE, TOKEN_WRONG_ROOM…).',
    tag: 'Join links',
    auth: 'none',
    body: CheckJoinLinkRequest,
    response: CheckedJoinLink,
  },
});
