import type { AuditEntryInput } from '../audit/audit-entry.js';
import type { AgreementVersionRecord, ClauseMarkRecord } from './records.js';

/**
 * What drafting decides besides the text: who may edit, clause marks, saved versions, the
 * agreement started from a template.
 *
 * Guarantees: every change is written in one transaction with its audit entry (both or
 * neither). A conditional change checks its condition inside that transaction and returns
 * false (or undefined) when it no longer holds, having changed nothing.
 */
export interface DraftingRecordStore {
  partiesMayEdit(caseId: string): Promise<boolean>;
  setPartiesMayEdit(caseId: string, allowed: boolean, audit: AuditEntryInput): Promise<void>;
  /**
   * A party's mark on a clause, replacing their earlier mark on it; only while the agreement
   * is neither frozen for signing nor issued (false otherwise).
   */
  putClauseMark(mark: ClauseMarkRecord, audit: AuditEntryInput): Promise<boolean>;
  listClauseMarks(caseId: string): Promise<ClauseMarkRecord[]>;
  /** Stores a version under the case's next number (1, 2, 3, ... without gaps) and returns it. */
  saveAgreementVersion(
    version: Omit<AgreementVersionRecord, 'number'>,
    audit: (number: number) => AuditEntryInput,
  ): Promise<AgreementVersionRecord>;
  listAgreementVersions(caseId: string): Promise<Omit<AgreementVersionRecord, 'snapshot' | 'canonicalJson'>[]>;
  findAgreementVersion(caseId: string, id: string): Promise<AgreementVersionRecord | undefined>;
  /**
   * The agreement replaced by a template: its document update, appended like any other
   * (DocumentStore), and its audit entry, in one transaction; only while the agreement is
   * neither frozen nor issued. Returns the update's sequence number, or undefined.
   */
  startAgreement(caseId: string, update: Uint8Array, audit: AuditEntryInput): Promise<number | undefined>;
}
