import type { CheckedJoinLink } from '@mediation/shared';
import { requestJson } from './request-json';

/** Asks the service whether a join link is good for this room: who it is for, or why not (TOKEN_*). */
export function checkJoinLink(token: string, roomId: string): Promise<CheckedJoinLink> {
  return requestJson<CheckedJoinLink>('/api/join-link/check', { method: 'POST', body: { token, roomId } });
}
