import type { AuditEntryInput } from '../audit/audit-entry.js';
import type { DeskAction, DeskActionResult } from '../cases/desk-action.js';
import type {
  AccountRecord,
  CaseWithSession,
  CommitteeRecord,
  DeskFilter,
  DeskListing,
  ParticipantRecord,
  NewCaseRecord,
  RoomSessionRecord,
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

  /** A page of a committee's cases, newest first, with their people, the number that match, and the counts by status. */
  listDeskCases(committeeId: string, filter: DeskFilter): Promise<DeskListing>;
  /**
   * Applies a desk action to a case in one transaction: the state machine (caseTransition)
   * decides on the status and facts read inside it, and a change is written only if the
   * status is still the one read, together with its audit entry. A refusal changes nothing.
   */
  applyDeskAction(caseId: string, action: DeskAction): Promise<DeskActionResult>;
  /**
   * Records that a case's room is held from now; with it, in the same transaction, a case at
   * intake or scheduled goes in session (with its audit entry).
   */
  startRoomSession(session: Omit<RoomSessionRecord, 'endedAt'>): Promise<void>;
  /** Ends a room session; false if it had ended already (or there is none). */
  endRoomSession(id: string, at: string): Promise<boolean>;
  /** Ends every room session still open (at start-up: no room of a stopped process is held); how many. */
  endOpenRoomSessions(at: string): Promise<number>;
  /** The times a case's room was held, in the order they began. */
  listRoomSessions(caseId: string): Promise<RoomSessionRecord[]>;
}
