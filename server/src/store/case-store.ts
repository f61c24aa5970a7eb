import type { AuditEntryInput } from '../audit/audit-entry.js';
import type {
  AccountRecord,
  CaseWithSession,
  CommitteeRecord,
  ParticipantRecord,
  NewCaseRecord,
  SessionRecord,
} from './records.js';

/**
 * Committees, their accounts, cases, each case's session and the participants invited to it.
 *
 * Guarantees: each method is one transaction; a write resolves once it is durable, and a
 * read after it (on any connection to the same store) sees it.
 */
export interface CaseStore {
  /** Creates a committee and its first account together, or neither. */
  createCommitteeWithAccount(committee: CommitteeRecord, account: AccountRecord): Promise<void>;
  /**
   * Creates a case, its session, its participants and the first entry of its audit log
   * together, or none of them. The case starts at intake, with its committee's region path.
   */
  createCase(record: NewCaseRecord, session: SessionRecord, participants: ParticipantRecord[], audit: AuditEntryInput): Promise<void>;
  /** A committee's cases, newest first. */
  listCases(committeeId: string): Promise<CaseWithSession[]>;
  findCase(id: string): Promise<CaseWithSession | undefined>;
  /** The participants of a session, revoked ones included, in the order they were invited. */
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
  findParticipant(id: string): Promise<ParticipantRecord | undefined>;
  /** Revokes a participant's link; false when it was revoked already (or there is no such participant). */
  revokeParticipant(id: string, at: string): Promise<boolean>;
  /** A new link generation for the person, no longer revoked; links issued before are refused. Undefined if there is no such person. */
  reissueParticipantLink(id: string): Promise<ParticipantRecord | undefined>;
  /** Records the first time a participant joined the room; later joins change nothing. */
  markParticipantJoined(participantId: string, at: string): Promise<void>;
  /** Participant ids of a session with the time each first joined the room. */
  listFirstJoins(sessionId: string): Promise<Map<string, string>>;
}
