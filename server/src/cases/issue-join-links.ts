import { joinPath, type JoinLink } from '@mediation/shared';
import type { KeyObject } from 'node:crypto';
import { signJoinToken } from '../auth/join-token.js';
import type { CaseRecord, ParticipantRecord } from '../store/records.js';

export interface JoinLinkDeps {
  secret: KeyObject;
  joinLinkTtlSeconds: number;
}

/** Fresh personal join links for the given participants of a case's session (revoked ones excluded). */
export function issueJoinLinks(
  deps: JoinLinkDeps,
  caseRecord: Pick<CaseRecord, 'id' | 'caseNumber'>,
  participants: ParticipantRecord[],
  baseUrl: string,
): JoinLink[] {
  const expiresAt = new Date(Date.now() + deps.joinLinkTtlSeconds * 1000).toISOString();
  return participants
    .filter((p) => p.revokedAt === null)
    .map((p) => {
      const token = signJoinToken(
        deps.secret,
        {
          participantId: p.id,
          roomId: p.sessionId,
          caseId: caseRecord.id,
          caseNumber: caseRecord.caseNumber,
          role: p.role,
          displayName: p.displayName,
          linkGeneration: p.linkGeneration ?? 0,
        },
        deps.joinLinkTtlSeconds,
      );
      return {
        participantId: p.id,
        displayName: p.displayName,
        role: p.role,
        url: baseUrl + joinPath(p.sessionId, token),
        expiresAt,
        own: p.accountId !== null,
      };
    });
}
