import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { joinPath, Role, type CreateCaseRequest, type CreatedCase } from '@mediation/shared';
import { signJoinToken } from '../auth/join-token.js';
import type { AccountRecord, ParticipantRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

export interface CreateCaseDeps {
  store: Store;
  secret: KeyObject;
  joinLinkTtlSeconds: number;
}

/**
 * Creates a case with its mediation session and one personal join link per
 * participant, the mediator (the signed-in account) first.
 */
export async function createCase(
  deps: CreateCaseDeps,
  mediator: AccountRecord,
  request: CreateCaseRequest,
  baseUrl: string,
): Promise<CreatedCase> {
  const now = new Date().toISOString();
  const caseId = randomUUID();
  const roomId = randomUUID();
  const participants: ParticipantRecord[] = [
    { displayName: mediator.displayName, role: Role.mediator, accountId: mediator.id },
    ...request.participants.map((p) => ({ ...p, accountId: null })),
  ].map((p) => ({ id: randomUUID(), sessionId: roomId, caseId, revokedAt: null, createdAt: now, ...p }));

  await deps.store.createCase(
    {
      id: caseId,
      committeeId: mediator.committeeId,
      caseNumber: request.caseNumber,
      title: request.title,
      category: request.category,
      createdBy: mediator.id,
      createdAt: now,
    },
    { id: roomId, caseId, createdAt: now },
    participants,
  );

  const expiresAt = new Date(Date.now() + deps.joinLinkTtlSeconds * 1000).toISOString();
  const links = participants.map((p) => {
    const token = signJoinToken(
      deps.secret,
      { participantId: p.id, roomId, caseId, caseNumber: request.caseNumber, role: p.role, displayName: p.displayName },
      deps.joinLinkTtlSeconds,
    );
    return {
      participantId: p.id,
      displayName: p.displayName,
      role: p.role,
      url: baseUrl + joinPath(roomId, token),
      expiresAt,
    };
  });
  return { caseId, roomId, links };
}
