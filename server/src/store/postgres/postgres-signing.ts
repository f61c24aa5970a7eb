import type pg from 'pg';
import type { SigningStore } from '../signing-store.js';
import type { FreezeRecord, IdentityAttestationRecord, IssuedAgreementRecord, SignatureRecord } from '../records.js';
import { appendAuditEntry } from './postgres-audit.js';
import { applyDeskActionInTransaction } from './postgres-desk.js';
import { insertAgreementVersion } from './postgres-drafting.js';
import type { CaseWriteQueue } from './case-write-queue.js';

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

/** The counter of issued documents in `counters`. */
const ISSUED_AGREEMENTS_COUNTER = 'issued-agreements';

/**
 * Freezes, consents, signatures and issued agreements in PostgreSQL; each change conditional
 * and audited in one transaction.
 *
 * Every change runs in its case's turn (`cases`: a transaction holding the case's lock, the
 * one each audit append of the case takes), then checks its condition and writes: the
 * freeze, consent, signature, issue and unfreeze of one case happen one at a time across
 * every process, each reading what the one before committed, so of two racing for the same
 * thing exactly one succeeds and the other finds the condition gone and gets the same refusal
 * (false or undefined) as from the SQLite store. The unique keys (one freeze in force, one
 * issue per case and freeze, one consent and signature per signer) stand behind them, with
 * ON CONFLICT DO NOTHING and the row count checked.
 */
export function postgresSigning(pool: pg.Pool, cases: CaseWriteQueue): SigningStore {
  const rows = async (db: pg.ClientBase | pg.Pool, sql: string, params: unknown[]) => (await db.query(sql, params)).rows as Row[];
  const exists = async (db: pg.ClientBase, sql: string, params: unknown[]) => (await db.query(sql, params)).rowCount !== 0;
  const issuedOfCase = (db: pg.ClientBase | pg.Pool, caseId: string) =>
    rows(db, 'SELECT * FROM issued_agreements WHERE case_id = $1 ORDER BY issued_at DESC LIMIT 1', [caseId]);
  /** The freeze, if it is in force: not voided, and nothing issued for its case. */
  const freezeInForce = async (client: pg.ClientBase, freezeId: string) =>
    (
      await rows(
        client,
        `SELECT * FROM agreement_freezes WHERE id = $1 AND voided_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = agreement_freezes.case_id)`,
        [freezeId],
      )
    )[0];
  /**
   * Runs `change` in the turn of the freeze's case (a freeze never changes case), or answers
   * `none` if there is no such freeze.
   */
  const inTurnOfFreeze = async <T, N>(freezeId: string, none: N, change: (client: pg.PoolClient) => Promise<T | N>): Promise<T | N> => {
    const [freeze] = await rows(pool, 'SELECT case_id FROM agreement_freezes WHERE id = $1', [freezeId]);
    return freeze ? cases.run(freeze.case_id as string, change) : none;
  };
  const optional = <T>(found: Row[], map: (r: Row) => T): T | undefined => (found[0] === undefined ? undefined : map(found[0]));

  return {
    findFreeze: async (id) => optional(await rows(pool, 'SELECT * FROM agreement_freezes WHERE id = $1', [id]), toFreeze),
    currentFreeze: async (caseId) =>
      optional(await rows(pool, 'SELECT * FROM agreement_freezes WHERE case_id = $1 AND voided_at IS NULL', [caseId]), toFreeze),

    freezeAgreement: (version, record, entry) =>
      cases.run(record.caseId, async (client) => {
        const inForce = await exists(client, 'SELECT 1 FROM agreement_freezes WHERE case_id = $1 AND voided_at IS NULL', [record.caseId]);
        if (inForce || (await issuedOfCase(client, record.caseId)).length > 0) return undefined;
        const saved = await insertAgreementVersion(client, version);
        const frozen: FreezeRecord = { ...record, versionId: saved.id, versionNumber: saved.number, voidedAt: null };
        await client.query(
          `INSERT INTO agreement_freezes (id, case_id, version_id, version_number, agreement_hash, frozen_at, frozen_by, voided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
          [frozen.id, frozen.caseId, frozen.versionId, frozen.versionNumber, frozen.agreementHash, frozen.frozenAt, frozen.frozenBy],
        );
        await appendAuditEntry(client, entry(saved.number));
        return frozen;
      }),

    unfreezeAgreement: (freezeId, at, entry) =>
      inTurnOfFreeze(freezeId, undefined, async (client) => {
        const voided = await client.query(
          `UPDATE agreement_freezes SET voided_at = $2 WHERE id = $1 AND voided_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM issued_agreements WHERE freeze_id = agreement_freezes.id)`,
          [freezeId, at],
        );
        if (voided.rowCount === 0) return undefined;
        const [counted] = await rows(client, 'SELECT COUNT(*) AS n FROM signatures WHERE freeze_id = $1', [freezeId]);
        const signatures = Number(counted!.n);
        await appendAuditEntry(client, entry(signatures));
        return signatures;
      }),

    putIdentityAttestation: (record, entry) =>
      cases.run(record.caseId, async (client) => {
        const standing = await exists(client, 'SELECT 1 FROM participants WHERE id = $1 AND case_id = $2 AND revoked_at IS NULL', [
          record.participantId,
          record.caseId,
        ]);
        if (!standing || (await issuedOfCase(client, record.caseId)).length > 0) return false;
        await client.query(
          `INSERT INTO identity_attestations (case_id, participant_id, document_type, number_last_digits, alias, attested_by, attested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (case_id, participant_id) DO UPDATE SET document_type = excluded.document_type,
             number_last_digits = excluded.number_last_digits, alias = excluded.alias,
             attested_by = excluded.attested_by, attested_at = excluded.attested_at`,
          [record.caseId, record.participantId, record.documentType, record.numberLastDigits, record.alias, record.attestedBy, record.attestedAt],
        );
        await appendAuditEntry(client, entry);
        return true;
      }),
    listIdentityAttestations: async (caseId) =>
      (await rows(pool, 'SELECT * FROM identity_attestations WHERE case_id = $1 ORDER BY attested_at', [caseId])).map(toAttestation),

    recordConsent: (freezeId, participantId, at, entry) =>
      inTurnOfFreeze(freezeId, false, async (client) => {
        if (!(await freezeInForce(client, freezeId))) return false;
        const inserted = await client.query(
          'INSERT INTO signing_consents (freeze_id, participant_id, consented_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [freezeId, participantId, at],
        );
        if (inserted.rowCount === 0) return false;
        await appendAuditEntry(client, entry);
        return true;
      }),
    listConsents: async (freezeId) =>
      new Set((await rows(pool, 'SELECT participant_id FROM signing_consents WHERE freeze_id = $1', [freezeId])).map((r) => r.participant_id as string)),

    recordSignature: (record, entry) =>
      inTurnOfFreeze(record.freezeId, false, async (client) => {
        if (!(await freezeInForce(client, record.freezeId))) return false;
        const consented = await exists(client, 'SELECT 1 FROM signing_consents WHERE freeze_id = $1 AND participant_id = $2', [
          record.freezeId,
          record.participantId,
        ]);
        if (!consented) return false;
        const inserted = await client.query(
          `INSERT INTO signatures (freeze_id, participant_id, typed_name, image, public_key, signature, payload, signed_at, ip, device)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [
            record.freezeId,
            record.participantId,
            record.typedName,
            record.image,
            JSON.stringify(record.publicKey),
            record.signature,
            record.payload,
            record.signedAt,
            record.ip,
            record.device,
          ],
        );
        if (inserted.rowCount === 0) return false;
        await appendAuditEntry(client, entry);
        return true;
      }),
    listSignatures: async (freezeId) =>
      (await rows(pool, 'SELECT * FROM signatures WHERE freeze_id = $1 ORDER BY signed_at', [freezeId])).map(toSignature),

    // One statement, its own transaction: the row's lock makes callers in every process take
    // turns, each adding one to what the one before committed. A number taken for an issue
    // that then fails is skipped, never given again.
    nextDocumentSequence: async () => {
      const [row] = await rows(
        pool,
        `INSERT INTO counters (name, value) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
        [ISSUED_AGREEMENTS_COUNTER],
      );
      return Number(row!.value);
    },

    issueAgreement: (record, entry) =>
      cases.run(record.caseId, async (client) => {
        const freeze = await freezeInForce(client, record.freezeId);
        if (!freeze || freeze.case_id !== record.caseId) return false;
        const inserted = await client.query(
          `INSERT INTO issued_agreements (document_number, case_id, freeze_id, pdf, pdf_sha256, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [record.documentNumber, record.caseId, record.freezeId, record.pdf, record.pdfSha256, record.issuedAt],
        );
        if (inserted.rowCount === 0) return false;
        await appendAuditEntry(client, entry);
        // The signed agreement is the settlement: the case is settled as it is issued.
        await applyDeskActionInTransaction(client, record.caseId, { kind: 'agreement-issued', at: record.issuedAt, actor: entry.actor });
        return true;
      }),
    findIssuedAgreement: async (documentNumber) =>
      optional(await rows(pool, 'SELECT * FROM issued_agreements WHERE document_number = $1', [documentNumber]), toIssued),
    findIssuedAgreementBySha256: async (pdfSha256) =>
      optional(await rows(pool, 'SELECT * FROM issued_agreements WHERE pdf_sha256 = $1', [pdfSha256]), toIssued),
    findIssuedAgreementOfCase: async (caseId) => optional(await issuedOfCase(pool, caseId), toIssued),
  };
}
