import type { ArchiveSortOrder, CaseStatus, DisputeCategory } from '@mediation/shared';

/** Whose archive is read: one committee's, or every committee's in and below a region. */
export type ArchiveScope = { kind: 'committee'; committeeId: string } | { kind: 'region'; regionPath: string };

/**
 * `newest`/`oldest`: by the date of issue, or of the case while nothing is issued;
 * `case-number`: by case number, as text.
 */
export type ArchiveSort = ArchiveSortOrder;

export interface ArchiveQuery {
  scope: ArchiveScope;
  /** A party's name, a case number or a document number (any of them matching). */
  text?: string;
  /** Names containing this: two or more consecutive Han characters, or words by prefix (partyQueryProblem). */
  party?: string;
  /** Case numbers containing this (three characters or more), or equal to it. */
  caseNumber?: string;
  /** Document numbers containing this (three characters or more), or equal to it. */
  documentNumber?: string;
  category?: DisputeCategory;
  status?: CaseStatus;
  /** ISO instants: the entry's date (of issue, or of the case) is at or after `from` and before `to`. */
  from?: string;
  to?: string;
  sort: ArchiveSort;
  offset: number;
  limit: number;
}

/** One case of the archive with its issued agreement, if any. */
export interface ArchiveEntry {
  caseId: string;
  caseNumber: string;
  title: string;
  category: DisputeCategory;
  status: CaseStatus;
  committeeId: string;
  committeeName: string;
  regionPath: string;
  /** The applicants' and respondents' names, in the order they were invited. */
  parties: string[];
  documentNumber: string | null;
  issuedAt: string | null;
  createdAt: string;
}

export interface ArchivePage {
  /** Entries matching, counted up to `countLimit`. */
  total: number;
  /** True when more than `total` match: the count stopped there. */
  totalCapped: boolean;
  entries: ArchiveEntry[];
}

/** A download or verification of an issued agreement, as its case's audit log recorded it. */
export interface ArchiveAccessRecord {
  /** Grows with every access recorded: pages continue below the last one seen. */
  accessId: number;
  caseId: string;
  caseNumber: string;
  /** The audit entry of the case that records it. */
  sequence: number;
  at: string;
  type: 'agreement.downloaded' | 'agreement.verified';
  actorId: string;
  actorName: string;
  actorRole: string;
  ip: string;
  documentNumber: string;
  /** For a verification: how it was asked (a number, an upload, the archive) and what it found. */
  method: string | null;
  verdict: string | null;
}

export interface ArchiveAccessQuery {
  scope: ArchiveScope;
  caseId?: string;
  type?: ArchiveAccessRecord['type'];
  /** Only accesses older than this one (a page's last accessId). */
  beforeAccessId?: number;
  limit: number;
}

/**
 * The committee portal's index of cases and their issued agreements.
 *
 * Guarantees: the index is written in the transaction of every change it reflects (a case
 * created with its parties, an agreement issued, a case's status or number changed, a
 * download or verification written to a case's audit log), so a read after a write sees
 * it. A read never returns anything outside its scope. Pages of one query, taken while
 * nothing changes, hold every matching entry exactly once, in the order asked for (ties
 * broken the same way every time). A search costs what its matches cost, not what the
 * store holds: counting stops at `countLimit`.
 */
export interface ArchiveStore {
  searchArchive(query: ArchiveQuery, countLimit: number): Promise<ArchivePage>;
  /** Newest first. */
  listArchiveAccess(query: ArchiveAccessQuery): Promise<ArchiveAccessRecord[]>;
}
