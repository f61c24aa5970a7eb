import type { DisputeCategory, Role } from '@mediation/shared';

export interface CommitteeRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface AccountRecord {
  id: string;
  committeeId: string;
  email: string;
  displayName: string;
  /** scrypt hash in the format of auth/password.ts. */
  passwordHash: string;
  createdAt: string;
}

export interface CaseRecord {
  id: string;
  committeeId: string;
  caseNumber: string;
  title: string;
  category: DisputeCategory;
  createdBy: string;
  createdAt: string;
}

/** One mediation session of a case: the video room everyone joins. */
export interface SessionRecord {
  id: string;
  caseId: string;
  createdAt: string;
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  caseId: string;
  displayName: string;
  role: Role;
  /** Set for the mediator, who joins as their account. */
  accountId: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface CaseWithSession extends CaseRecord {
  sessionId: string;
}
