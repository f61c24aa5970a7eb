import type { AuditEntryInput } from '../audit/audit-entry.js';
import type { CaucusRecord } from './records.js';

/**
 * The caucuses a case has held: who was in each and whether it is still open, which is
 * what decides who may read and change its notes document.
 *
 * Guarantees: each change is written in one transaction with its audit entry (both or
 * neither); a closed caucus stays closed, and its members no longer change.
 */
export interface CaucusStore {
  openCaucus(caucus: CaucusRecord, audit: AuditEntryInput): Promise<void>;
  /**
   * Makes the person a member of the open caucus (nothing if they are one already or it is
   * closed) with the audit entry of their move; returns the caucus as it is now.
   */
  addCaucusMember(caseId: string, caucusId: string, participantId: string, audit: AuditEntryInput): Promise<CaucusRecord | undefined>;
  /** Closes an open caucus with its audit entry; false (nothing written) if it is not open. */
  closeCaucus(caseId: string, caucusId: string, at: string, audit: AuditEntryInput): Promise<boolean>;
  /**
   * Closes every caucus left open, of one case (its session ended) or of all (the service
   * starts, and nobody is in a caucus of a room it has not opened yet); returns how many.
   */
  closeOpenCaucuses(at: string, caseId?: string): Promise<number>;
  /** The case's caucuses, oldest first. */
  listCaucuses(caseId: string): Promise<CaucusRecord[]>;
}
