import type {
  AccountRole,
  CaseStatus,
  ClauseMarkKind,
  CommitteeKind,
  DisputeCategory,
  IdentityDocumentType,
  RegionLevel,
  Role,
  SignerPublicKey,
} from '@mediation/shared';

/** One region of the tree a province is divided into. */
export interface RegionRecord {
  id: string;
  /** Null for a province, the root of its tree. */
  parentId: string | null;
  level: RegionLevel;
  name: string;
  /** The administrative division code (e.g. 530000), or ''. */
  code: string;
  /** `/<root id>/…/<own id>/`: everything below this region has a path starting with it. */
  path: string;
  createdAt: string;
}

export interface CommitteeRecord {
  id: string;
  name: string;
  kind: CommitteeKind;
  regionId: string;
  /** The path of its region (RegionRecord.path). */
  regionPath: string;
  createdAt: string;
}

/**
 * An account: an administrator belongs to a region (committeeId null), committee staff and
 * mediators to a committee (regionId null).
 */
export type AccountRecord = {
  id: string;
  email: string;
  displayName: string;
  /** scrypt hash in the format of auth/password.ts. */
  passwordHash: string;
  createdAt: string;
  /** Set when an administrator disabled the account: it no longer signs in. */
  disabledAt: string | null;
} & (
  | { role: typeof AccountRole.administrator; regionId: string; committeeId: null }
  | { role: typeof AccountRole.staff | typeof AccountRole.mediator; committeeId: string; regionId: null }
);

/** A platform's key to the API: only its hash is kept; it reaches what lies below its region. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  regionId: string;
  regionPath: string;
  /** SHA-256 of the key, hex. The key is 32 random bytes, so a fast hash is enough. */
  keyHash: string;
  /** The key's first characters, shown so people can tell keys apart. */
  keyPrefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** One sign-in or administrative action, as written to the account audit log. */
export interface AccountAuditInput {
  at: string;
  type: string;
  actorId: string;
  actorName: string;
  ip: string;
  device: string;
  /** Where it happened: the region whose administrators (and those above) see it. */
  regionPath: string;
  /** The committee it concerns, whose staff see it; null for a region's own matters. */
  committeeId: string | null;
  data: Record<string, unknown>;
}

export interface AccountAuditRecord extends AccountAuditInput {
  sequence: number;
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
  /** Its committee's region path, copied so archives and statistics read by prefix. */
  regionPath: string;
  status: CaseStatus;
  /** When the next (or last) session is scheduled, if it is. */
  scheduledAt: string | null;
  /** When the case reached its outcome (settled, not settled, withdrawn). */
  closedAt: string | null;
  /** The mediator's words on the outcome. */
  outcomeNote: string;
}

/** A case as created: the store gives it its committee's region path and starts it at intake. */
export type NewCaseRecord = Omit<CaseRecord, 'regionPath' | 'status' | 'scheduledAt' | 'closedAt' | 'outcomeNote'>;

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
  /** A phone number or address to reach them by; '' when none was given. */
  contact?: string;
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

/** One time a case's room was held: from its first arrival until it was ended or left empty. */
export interface RoomSessionRecord {
  id: string;
  caseId: string;
  startedAt: string;
  endedAt: string | null;
}

/** What the desk lists: a committee's cases, narrowed by status and by words of the number or title. */
export interface DeskFilter {
  status?: CaseStatus;
  /** Part of the case number or title, as typed. */
  search?: string;
  limit: number;
  offset: number;
}

/** A case as the desk shows it: with everyone invited to it. */
export interface DeskCase extends CaseWithSession {
  participants: ParticipantRecord[];
}

export interface DeskListing {
  cases: DeskCase[];
  /** Cases that match the whole filter. */
  total: number;
  /** Cases that match the search, by status. */
  counts: Record<CaseStatus, number>;
}
