import type { ClauseMarkKind, DisputeCategory, IdentityDocumentType, Role, SignerPublicKey } from '@mediation/shared';

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
  /** The parties wait in the lobby until the mediator lets them in. */
  waitingRoom: boolean;
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
  /** Raised each time the person's link is issued anew: a link of an older generation is refused. 0 when absent. */
  linkGeneration?: number;
}

export interface CaseWithSession extends CaseRecord {
  sessionId: string;
  /** The latest agreement issued for the case, if any. */
  issued: { documentNumber: string; issuedAt: string } | null;
}

/** A live document as stored: the last snapshot and the updates accepted since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update, to compact up to. */
  lastSequence: number;
}

export interface ClauseMarkRecord {
  caseId: string;
  clauseId: string;
  participantId: string;
  mark: ClauseMarkKind;
  comment: string;
  clauseHash: string;
  at: string;
}

export interface AgreementVersionRecord {
  id: string;
  caseId: string;
  /** 1, 2, 3, ... per case; given by the store. */
  number: number;
  name: string;
  /** SHA-256 of the canonical agreement. */
  hash: string;
  /** The canonical agreement's JSON, exactly as hashed. */
  canonicalJson: string;
  /** The agreement document's full Yjs state at that moment. */
  snapshot: Uint8Array;
  savedBy: string;
  savedAt: string;
}

/** The agreement frozen for signing: one saved version, until unfrozen (voided) or issued. */
export interface FreezeRecord {
  id: string;
  caseId: string;
  versionId: string;
  versionNumber: number;
  agreementHash: string;
  frozenAt: string;
  frozenBy: string;
  voidedAt: string | null;
}

export interface IdentityAttestationRecord {
  caseId: string;
  participantId: string;
  documentType: IdentityDocumentType;
  numberLastDigits: string;
  /** The name in another script, as the document shows it; the party may sign with it. */
  alias: string | null;
  attestedBy: string;
  attestedAt: string;
}

export interface SignatureRecord {
  freezeId: string;
  participantId: string;
  typedName: string;
  /** PNG of the drawn signature. */
  image: Uint8Array;
  publicKey: SignerPublicKey;
  /** ECDSA P-256 r‖s over the signing payload. */
  signature: Uint8Array;
  /** The signing payload's canonical JSON, exactly as verified. */
  payload: string;
  signedAt: string;
  ip: string;
  device: string;
}

export interface IssuedAgreementRecord {
  documentNumber: string;
  caseId: string;
  freezeId: string;
  pdf: Uint8Array;
  pdfSha256: string;
  issuedAt: string;
}

/** A private caucus the case has held: kept with the case, so its notes can be read after it closed. */
export interface CaucusRecord {
  id: string;
  caseId: string;
  name: string;
  /** Everyone taken or moved into it while it was open (the mediator among them unless they stayed out). */
  memberIds: string[];
  openedAt: string;
  closedAt: string | null;
}
