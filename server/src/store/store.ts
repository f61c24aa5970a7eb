import type {
  AccountRecord,
  CaseRecord,
  CaseWithSession,
  CommitteeRecord,
  ParticipantRecord,
  SessionRecord,
} from './records.js';

/**
 * Everything the service keeps. The embedded default is SQLite (sqlite/sqlite-store.ts);
 * other backends implement the same interface.
 */
export interface Store {
  findCommittee(id: string): Promise<CommitteeRecord | undefined>;
  findAccountByEmail(email: string): Promise<AccountRecord | undefined>;
  findAccountById(id: string): Promise<AccountRecord | undefined>;
  /** Creates a committee and its first account together. */
  createCommitteeWithAccount(committee: CommitteeRecord, account: AccountRecord): Promise<void>;
  /** Creates a case, its session and its participants in one transaction. */
  createCase(record: CaseRecord, session: SessionRecord, participants: ParticipantRecord[]): Promise<void>;
  listCases(committeeId: string): Promise<CaseWithSession[]>;
  findCase(id: string): Promise<CaseWithSession | undefined>;
  /** The participants of a session, revoked ones included, in the order they were invited. */
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
  findParticipant(id: string): Promise<ParticipantRecord | undefined>;
  revokeParticipant(id: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}
