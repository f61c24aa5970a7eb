import type { AuditEntryInput } from '../audit/audit-entry.js';
import type {
  AgreementVersionRecord,
  FreezeRecord,
  IdentityAttestationRecord,
  IssuedAgreementRecord,
  SignatureRecord,
} from './records.js';

/**
 * Freezes, identity checks, consents, signatures and issued agreements.
 *
 * Guarantees, whatever the interleaving of callers (in one process or several):
 * - every change is written in one transaction with its audit entry (both or neither);
 * - every change is conditional, its condition checked inside that transaction; when it
 *   no longer holds, nothing changes and the result says so (false or undefined);
 * - a case has at most one freeze in force and at most one issued agreement;
 * - a consent or signature is only recorded for a freeze in force, a signature only after
 *   that signer's consent, each signer at most once per freeze;
 * - an agreement is only issued for a freeze in force, and a freeze with an issued
 *   agreement can no longer be voided;
 * - issuing an agreement settles its case (status settled, closed at the issuing time, with
 *   a `case.status-changed` entry after `agreement.issued`) in the same transaction;
 * - document sequence numbers never repeat.
 */
export interface SigningStore {
  findFreeze(id: string): Promise<FreezeRecord | undefined>;
  /** The freeze in force (not voided), if any. */
  currentFreeze(caseId: string): Promise<FreezeRecord | undefined>;
  /** Saves the version and freezes it, unless a freeze is in force or the case's agreement is issued (then undefined). */
  freezeAgreement(
    version: Omit<AgreementVersionRecord, 'number'>,
    freeze: Omit<FreezeRecord, 'versionId' | 'versionNumber' | 'voidedAt'>,
    audit: (versionNumber: number) => AuditEntryInput,
  ): Promise<FreezeRecord | undefined>;
  /** Voids the freeze and with it its signatures, unless already voided or issued; returns how many signatures were voided. */
  unfreezeAgreement(freezeId: string, at: string, audit: (voidedSignatures: number) => AuditEntryInput): Promise<number | undefined>;
  /** Records (or replaces) the check of a participant of the case whose link is not revoked, while nothing is issued; false otherwise. */
  putIdentityAttestation(record: IdentityAttestationRecord, audit: AuditEntryInput): Promise<boolean>;
  listIdentityAttestations(caseId: string): Promise<IdentityAttestationRecord[]>;
  /** Records a consent for the freeze in force; false if it is not in force, issued, or consented already. */
  recordConsent(freezeId: string, participantId: string, at: string, audit: AuditEntryInput): Promise<boolean>;
  listConsents(freezeId: string): Promise<Set<string>>;
  /** Records a signature for the freeze in force after the signer's consent; false otherwise or if signed already. */
  recordSignature(signature: SignatureRecord, audit: AuditEntryInput): Promise<boolean>;
  listSignatures(freezeId: string): Promise<SignatureRecord[]>;
  /** The next number of the install's issued documents; never the same twice. */
  nextDocumentSequence(): Promise<number>;
  /** Stores the issued PDF for the freeze in force, unless the case has an issued agreement already (false). */
  issueAgreement(record: IssuedAgreementRecord, audit: AuditEntryInput): Promise<boolean>;
  findIssuedAgreement(documentNumber: string): Promise<IssuedAgreementRecord | undefined>;
  /** The issued agreement whose PDF has this SHA-256 (hex), by an index. */
  findIssuedAgreementBySha256(pdfSha256: string): Promise<IssuedAgreementRecord | undefined>;
  findIssuedAgreementOfCase(caseId: string): Promise<IssuedAgreementRecord | undefined>;
}
