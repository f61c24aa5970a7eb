import type { AuditEntry, AuditEntryInput } from '../audit/audit-entry.js';
import type { DraftDocument } from '@mediation/shared';
import type { AccountSessionStore } from './account-session-store.js';
import type {
  AccountRecord,
  AgreementVersionRecord,
  ClauseMarkRecord,
  FreezeRecord,
  IdentityAttestationRecord,
  IssuedAgreementRecord,
  SignatureRecord,
  StoredDocument,
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
export interface Store extends AccountSessionStore {
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

  // Live documents. An update is stored before anyone sees it; a snapshot replaces the
  // updates it contains.
  loadDocument(caseId: string, document: DraftDocument): Promise<StoredDocument>;
  /** Returns the update's sequence number. */
  appendDocumentUpdate(caseId: string, document: DraftDocument, update: Uint8Array): Promise<number>;
  compactDocument(caseId: string, document: DraftDocument, snapshot: Uint8Array, upToSequence: number): Promise<void>;

  // Drafting records. Each change is written with its audit entry in one transaction.
  partiesMayEdit(caseId: string): Promise<boolean>;
  setPartiesMayEdit(caseId: string, allowed: boolean, audit: AuditEntryInput): Promise<void>;
  /** A party's mark on a clause replaces their earlier mark on it. */
  putClauseMark(mark: ClauseMarkRecord, audit: AuditEntryInput): Promise<void>;
  listClauseMarks(caseId: string): Promise<ClauseMarkRecord[]>;
  /** Stores a version under the next number of the case and returns it. */
  saveAgreementVersion(
    version: Omit<AgreementVersionRecord, 'number'>,
    audit: (number: number) => AuditEntryInput,
  ): Promise<AgreementVersionRecord>;
  listAgreementVersions(caseId: string): Promise<Omit<AgreementVersionRecord, 'snapshot' | 'canonicalJson'>[]>;
  findAgreementVersion(caseId: string, id: string): Promise<AgreementVersionRecord | undefined>;
  // Signing. Each change is conditional ("only if not yet ...") and written with its audit
  // entry in one transaction; a false result means nothing changed.
  markParticipantJoined(participantId: string, at: string): Promise<void>;
  /** Participant ids with the time they first joined the room. */
  listFirstJoins(sessionId: string): Promise<Map<string, string>>;
  findFreeze(id: string): Promise<FreezeRecord | undefined>;
  /** The freeze in force (not voided), if any. */
  currentFreeze(caseId: string): Promise<FreezeRecord | undefined>;
  /** Saves the version and freezes it, unless something is frozen already (then undefined). */
  freezeAgreement(
    version: Omit<AgreementVersionRecord, 'number'>,
    freeze: Omit<FreezeRecord, 'versionId' | 'versionNumber' | 'voidedAt'>,
    audit: (versionNumber: number) => AuditEntryInput,
  ): Promise<FreezeRecord | undefined>;
  /** Voids the freeze and with it its signatures, unless already voided or issued; returns how many signatures were voided. */
  unfreezeAgreement(freezeId: string, at: string, audit: (voidedSignatures: number) => AuditEntryInput): Promise<number | undefined>;
  putIdentityAttestation(record: IdentityAttestationRecord, audit: AuditEntryInput): Promise<void>;
  listIdentityAttestations(caseId: string): Promise<IdentityAttestationRecord[]>;
  recordConsent(freezeId: string, participantId: string, at: string, audit: AuditEntryInput): Promise<boolean>;
  listConsents(freezeId: string): Promise<Set<string>>;
  recordSignature(signature: SignatureRecord, audit: AuditEntryInput): Promise<boolean>;
  listSignatures(freezeId: string): Promise<SignatureRecord[]>;
  /** The next number of the install's issued documents. */
  nextDocumentSequence(): Promise<number>;
  /** Stores the issued PDF, unless this freeze was issued already. */
  issueAgreement(record: IssuedAgreementRecord, audit: AuditEntryInput): Promise<boolean>;
  findIssuedAgreement(documentNumber: string): Promise<IssuedAgreementRecord | undefined>;
  /** The issued agreement whose PDF has this SHA-256 (hex), by an index. */
  findIssuedAgreementBySha256(pdfSha256: string): Promise<IssuedAgreementRecord | undefined>;
  findIssuedAgreementOfCase(caseId: string): Promise<IssuedAgreementRecord | undefined>;

  /** Appends an entry that records no other change. */
  appendAudit(audit: AuditEntryInput): Promise<AuditEntry>;
  /** A case's audit log in chain order. */
  listAudit(caseId: string): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
