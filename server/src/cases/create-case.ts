import { randomUUID } from 'node:crypto';
import { AccountRole, ErrorCode, Role, type CreateCaseInput, type CreatedCase } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { AuditActor } from '../audit/audit-entry.js';
import type { AccountRecord, NewCaseRecord, ParticipantRecord } from '../store/records.js';
import { caseCreatedEntry } from './case-created-entry.js';
import type { Store } from '../store/store.js';
import { issueJoinLinks, type JoinLinkDeps } from './issue-join-links.js';

export interface CreateCaseDeps extends JoinLinkDeps {
  store: Store;
}

/**
 * Creates a case with its mediation session and one personal join link per
 * participant, the mediator (the signed-in account) first.
 */
/** The mediator a case is created for: an account of the committee that runs it. */
export interface CaseMediator {
  id: string;
  displayName: string;
  committeeId: string;
}

export async function createCase(
  deps: CreateCaseDeps,
  mediator: CaseMediator,
  request: CreateCaseInput,
  baseUrl: string,
  /** Who created it, and from where, for the case's audit log. */
  actor: AuditActor = { participantId: mediator.id, name: mediator.displayName, role: 'account', ip: '', device: '' },
): Promise<CreatedCase> {
  const now = new Date().toISOString();
  const caseRecord: NewCaseRecord = {
    id: randomUUID(),
    committeeId: mediator.committeeId,
    caseNumber: request.caseNumber,
    title: request.title,
    category: request.category,
    waitingRoom: request.waitingRoom ?? true,
    createdBy: mediator.id,
    createdAt: now,
  };
  const roomId = randomUUID();
  const participants: ParticipantRecord[] = [
    { displayName: mediator.displayName, role: Role.mediator, accountId: mediator.id },
    ...request.participants.map((p) => ({ ...p, accountId: null })),
  ].map((p) => ({ id: randomUUID(), sessionId: roomId, caseId: caseRecord.id, revokedAt: null, createdAt: now, ...p }));

  await deps.store.createCase(caseRecord, { id: roomId, caseId: caseRecord.id, createdAt: now }, participants, caseCreatedEntry(caseRecord, participants, actor));
  return {
    caseId: caseRecord.id,
    caseNumber: caseRecord.caseNumber,
    title: caseRecord.title,
    roomId,
    links: issueJoinLinks(deps, caseRecord, participants, baseUrl),
  };
}

/** An account as the mediator of new cases: a mediator of a committee, or FORBIDDEN. */
export function caseMediatorOf(account: AccountRecord): CaseMediator {
  if (account.role !== AccountRole.mediator) throw new AppError(ErrorCode.forbidden, 'Only mediators run cases.');
  return { id: account.id, displayName: account.displayName, committeeId: account.committeeId };
}
