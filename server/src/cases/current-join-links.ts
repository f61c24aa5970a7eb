import type { CreatedCase } from '@mediation/shared';
import type { AuditActor } from '../audit/audit-entry.js';
import type { CaseWithSession } from '../store/records.js';
import type { Store } from '../store/store.js';
import { issueJoinLinks, type JoinLinkDeps } from './issue-join-links.js';

/**
 * Fresh join links for the people of a case (links are signed, not stored), with those
 * whose link is withdrawn listed apart. Handing out links is written to the case's audit
 * log: who asked, and for whom.
 */
export async function currentJoinLinks(
  deps: JoinLinkDeps & { store: Store },
  found: CaseWithSession,
  actor: AuditActor,
  baseUrl: string,
): Promise<CreatedCase> {
  const participants = await deps.store.listParticipants(found.sessionId);
  await deps.store.appendAudit({
    caseId: found.id,
    at: new Date().toISOString(),
    actor,
    type: 'case.links-issued',
    data: { participantIds: participants.filter((p) => p.revokedAt === null).map((p) => p.id) },
  });
  return {
    caseId: found.id,
    caseNumber: found.caseNumber,
    title: found.title,
    roomId: found.sessionId,
    links: issueJoinLinks(deps, found, participants, baseUrl),
    withdrawn: participants.filter((p) => p.revokedAt !== null).map((p) => ({ participantId: p.id, displayName: p.displayName, role: p.role })),
  };
}
