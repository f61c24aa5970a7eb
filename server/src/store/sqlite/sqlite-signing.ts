import type Database from 'better-sqlite3';
import type { AuditEntryInput } from '../../audit/audit-entry.js';
import type { SigningStore } from '../signing-store.js';
import type {
  AgreementVersionRecord,
  FreezeRecord,
  IdentityAttestationRecord,
  IssuedAgreementRecord,
  SignatureRecord,
} from '../records.js';
import type { sqliteAudit } from './sqlite-audit.js';
import type { insertAgreementVersion } from './sqlite-drafting.js';
import type { sqliteDesk } from './sqlite-desk.js';

type Row = Record<string, unknown>;

const toFreeze = (r: Row): FreezeRecord => ({
  id: r.id as string,
  caseId: r.case_id as string,
  versionId: r.version_id as string,
  versionNumber: r.version_number as number,
  agreementHash: r.agreement_hash as string,
  frozenAt: r.frozen_at as string,
  frozenBy: r.frozen_by as string,
  voidedAt: (r.voided_at as string | null) ?? null,
});

const toAttestation = (r: Row): IdentityAttestationRecord => ({
  caseId: r.case_id as string,
  participantId: r.participant_id as string,
  documentType: r.document_type as IdentityAttestationRecord['documentType'],
  numberLastDigits: r.number_last_digits as string,
  alias: (r.alias as string | null) ?? null,
  attestedBy: r.attested_by as string,
  attestedAt: r.attested_at as string,
});

const toSignature = (r: Row): SignatureRecord => ({
  freezeId: r.freeze_id as string,
  participantId: r.participant_id as string,
  typedName: r.typed_name as string,
  image: new Uint8Array(r.image as Buffer),
  publicKey: JSON.parse(r.public_key as string),
  signature: new Uint8Array(r.signature as Buffer),
  payload: r.payload as string,
  signedAt: r.signed_at as string,
  ip: r.ip as string,
  device: r.device as string,
});

const toIssued = (r: Row): IssuedAgreementRecord => ({
  documentNumber: r.document_number as string,
  caseId: r.case_id as string,
  freezeId: r.freeze_id as string,
  pdf: new Uint8Array(r.pdf as Buffer),
  pdfSha256: r.pdf_sha256 as string,
  issuedAt: r.issued_at as string,
});

/** Freezes, consents, signatures and issued agreements; each change conditional and audited in one transaction. */
export function sqliteSigning(
  db: Database.Database,
  audit: ReturnType<typeof sqliteAudit>,
  insertVersion: ReturnType<typeof insertAgreementVersion>,
  /** Changes a case's status inside the current transaction (issuing settles the case). */
  applyDeskAction: ReturnType<typeof sqliteDesk>['applyDeskAction'],
): SigningStore {
  const s = {
    freeze: db.prepare('SELECT * FROM agreement_freezes WHERE id = ?'),
    currentFreeze: db.prepare('SELECT * FROM agreement_freezes WHERE case_id = ? AND voided_at IS NULL'),
    insertFreeze: db.prepare(
      `INSERT INTO agreement_freezes (id, case_id, version_id, version_number, agreement_hash, frozen_at, frozen_by, voided_at)
       VALUES (@id, @caseId, @versionId, @versionNumber, @agreementHash, @frozenAt, @frozenBy, NULL)`,
    ),
    voidFreeze: db.prepare(
      `UPDATE agreement_freezes SET voided_at = ? WHERE id = ? AND voided_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM issued_agreements WHERE freeze_id = agreement_freezes.id)`,
    ),
    countSignatures: db.prepare('SELECT COUNT(*) AS n FROM signatures WHERE freeze_id = ?'),
    /** The freeze, if it is in force: not voided, and nothing issued for its case. */
    freezeInForce: db.prepare(
      `SELECT * FROM agreement_freezes WHERE id = ? AND voided_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = agreement_freezes.case_id)`,
    ),
    activeParticipantOfCase: db.prepare('SELECT 1 FROM participants WHERE id = ? AND case_id = ? AND revoked_at IS NULL'),
    hasConsented: db.prepare('SELECT 1 FROM signing_consents WHERE freeze_id = ? AND participant_id = ?'),
    putAttestation: db.prepare(
      `INSERT INTO identity_attestations (case_id, participant_id, document_type, number_last_digits, alias, attested_by, attested_at)
       VALUES (@caseId, @participantId, @documentType, @numberLastDigits, @alias, @attestedBy, @attestedAt)
       ON CONFLICT (case_id, participant_id) DO UPDATE SET document_type = excluded.document_type,
         number_last_digits = excluded.number_last_digits, alias = excluded.alias,
         attested_by = excluded.attested_by, attested_at = excluded.attested_at`,
    ),
    attestations: db.prepare('SELECT * FROM identity_attestations WHERE case_id = ? ORDER BY attested_at'),
    insertConsent: db.prepare(
      'INSERT INTO signing_consents (freeze_id, participant_id, consented_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    consents: db.prepare('SELECT participant_id FROM signing_consents WHERE freeze_id = ?'),
    insertSignature: db.prepare(
      `INSERT INTO signatures (freeze_id, participant_id, typed_name, image, public_key, signature, payload, signed_at, ip, device)
       VALUES (@freezeId, @participantId, @typedName, @image, @publicKey, @signature, @payload, @signedAt, @ip, @device)
       ON CONFLICT DO NOTHING`,
    ),
    signatures: db.prepare('SELECT * FROM signatures WHERE freeze_id = ? ORDER BY signed_at'),
    nextSequence: db.prepare(
      `INSERT INTO counters (name, value) VALUES ('issued-agreements', 1)
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    ),
    insertIssued: db.prepare(
      `INSERT INTO issued_agreements (document_number, case_id, freeze_id, pdf, pdf_sha256, issued_at)
       VALUES (@documentNumber, @caseId, @freezeId, @pdf, @pdfSha256, @issuedAt) ON CONFLICT DO NOTHING`,
    ),
    issued: db.prepare('SELECT * FROM issued_agreements WHERE document_number = ?'),
    issuedBySha256: db.prepare('SELECT * FROM issued_agreements WHERE pdf_sha256 = ?'),
    issuedOfCase: db.prepare('SELECT * FROM issued_agreements WHERE case_id = ? ORDER BY issued_at DESC LIMIT 1'),
  };

  const freeze = db.transaction(
    (
      version: Omit<AgreementVersionRecord, 'number'>,
      record: Omit<FreezeRecord, 'versionId' | 'versionNumber' | 'voidedAt'>,
      entry: (versionNumber: number) => AuditEntryInput,
    ): FreezeRecord | undefined => {
      if (s.currentFreeze.get(record.caseId) || s.issuedOfCase.get(record.caseId)) return undefined;
      const saved = insertVersion(version);
      const frozen: FreezeRecord = { ...record, versionId: saved.id, versionNumber: saved.number, voidedAt: null };
      s.insertFreeze.run(frozen);
      audit.append(entry(saved.number));
      return frozen;
    },
  );
  const unfreeze = db.transaction((freezeId: string, at: string, entry: (voided: number) => AuditEntryInput) => {
    if (s.voidFreeze.run(at, freezeId).changes === 0) return undefined;
    const { n } = s.countSignatures.get(freezeId) as { n: number };
    audit.append(entry(n));
    return n;
  });
  const putAttestation = db.transaction((record: IdentityAttestationRecord, entry: AuditEntryInput) => {
    if (!s.activeParticipantOfCase.get(record.participantId, record.caseId) || s.issuedOfCase.get(record.caseId)) return false;
    s.putAttestation.run(record);
    audit.append(entry);
    return true;
  });
  const consent = db.transaction((freezeId: string, participantId: string, at: string, entry: AuditEntryInput) => {
    if (!s.freezeInForce.get(freezeId)) return false;
    if (s.insertConsent.run(freezeId, participantId, at).changes === 0) return false;
    audit.append(entry);
    return true;
  });
  const sign = db.transaction((record: SignatureRecord, entry: AuditEntryInput) => {
    if (!s.freezeInForce.get(record.freezeId) || !s.hasConsented.get(record.freezeId, record.participantId)) return false;
    const changed = s.insertSignature.run({ ...record, publicKey: JSON.stringify(record.publicKey) }).changes;
    if (changed === 0) return false;
    audit.append(entry);
    return true;
  });
  const issue = db.transaction((record: IssuedAgreementRecord, entry: AuditEntryInput) => {
    const freeze = s.freezeInForce.get(record.freezeId) as Row | undefined;
    if (!freeze || freeze.case_id !== record.caseId) return false;
    if (s.insertIssued.run(record).changes === 0) return false;
    audit.append(entry);
    // The signed agreement is the settlement: the case is settled as it is issued.
    applyDeskAction(record.caseId, { kind: 'agreement-issued', at: record.issuedAt, actor: entry.actor });
    return true;
  });
  const optional = <T>(row: unknown, map: (r: Row) => T): T | undefined => (row === undefined ? undefined : map(row as Row));

  return {
    findFreeze: async (id) => optional(s.freeze.get(id), toFreeze),
    currentFreeze: async (caseId) => optional(s.currentFreeze.get(caseId), toFreeze),
    freezeAgreement: async (version, record, entry) => freeze(version, record, entry),
    unfreezeAgreement: async (freezeId, at, entry) => unfreeze(freezeId, at, entry),
    putIdentityAttestation: async (record, entry) => putAttestation(record, entry),
    listIdentityAttestations: async (caseId) => (s.attestations.all(caseId) as Row[]).map(toAttestation),
    recordConsent: async (freezeId, participantId, at, entry) => consent(freezeId, participantId, at, entry),
    listConsents: async (freezeId) => new Set((s.consents.all(freezeId) as Row[]).map((r) => r.participant_id as string)),
    recordSignature: async (record, entry) => sign(record, entry),
    listSignatures: async (freezeId) => (s.signatures.all(freezeId) as Row[]).map(toSignature),
    nextDocumentSequence: async () => (s.nextSequence.get() as { value: number }).value,
    issueAgreement: async (record, entry) => issue(record, entry),
    findIssuedAgreement: async (documentNumber) => optional(s.issued.get(documentNumber), toIssued),
    findIssuedAgreementBySha256: async (pdfSha256) => optional(s.issuedBySha256.get(pdfSha256), toIssued),
    findIssuedAgreementOfCase: async (caseId) => optional(s.issuedOfCase.get(caseId), toIssued),
  };
}
