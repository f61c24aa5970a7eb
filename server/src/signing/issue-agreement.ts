import { createHash } from 'node:crypto';
import { documentNumber, ErrorCode, publicKeyFingerprint, ServerEvent } from '@mediation/shared';
import { SERVICE_ACTOR } from '../audit/audit-entry.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import { AppError } from '../errors/app-error.js';
import type { IssuedAgreementRecord } from '../store/records.js';
import { frozenAgreement } from './frozen-agreement.js';
import type { AgreementPdfInput } from './pdf/agreement-pdf-input.js';
import { requiredSigners, signingState } from './signing-state.js';

export interface AgreementIssuing {
  /** Makes the signed, sealed PDF of an agreement. */
  renderPdf(input: AgreementPdfInput, committee: { id: string; name: string }): Promise<Uint8Array>;
  /** Base of the public verification page, e.g. https://mediation.example.org */
  verifyBaseUrl: string;
}

/**
 * Issues the agreement once every required signer has signed the frozen version: the PDF
 * (agreement, signatures, audit trail, QR code, the committee's digital signature) is kept
 * in the store as the committee's copy, and everyone in the room is told it is ready.
 *
 * One change of the case's record like the others (`serially`): an unfreeze asked for
 * while the PDF is made waits, and the store issues only for the freeze still in force.
 * A case whose audit log fails its hash check is not issued.
 */
/**
 * How long the PDF may take before issuing gives up (it takes well under a second; one
 * thread makes every case's, one after another). The case's changes wait for its issuing,
 * so this bounds how long they can wait; the render that timed out is ignored.
 */
const RENDER_TIMEOUT_MS = 120_000;

function withinRenderTime<T>(rendering: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the agreement's PDF took over ${RENDER_TIMEOUT_MS} ms`)), RENDER_TIMEOUT_MS);
  });
  return Promise.race([rendering, timeout]).finally(() => clearTimeout(timer));
}

export function issueAgreement(drafting: CaseDrafting, issuing: AgreementIssuing): Promise<IssuedAgreementRecord> {
  return drafting.serially(() => issue(drafting, issuing));
}

async function issue(drafting: CaseDrafting, issuing: AgreementIssuing): Promise<IssuedAgreementRecord> {
  const { store, caseRecord } = drafting;
  if (drafting.issued) {
    const existing = await store.findIssuedAgreementOfCase(caseRecord.id);
    if (existing) return existing;
  }
  const frozen = drafting.frozen;
  if (!frozen) throw new AppError(ErrorCode.agreementNotFrozen, 'The agreement is not frozen for signing.');
  const [participants, signatures, attestations, committee, agreement] = await Promise.all([
    drafting.participants(),
    store.listSignatures(frozen.id),
    store.listIdentityAttestations(caseRecord.id),
    store.findCommittee(caseRecord.committeeId),
    frozenAgreement(drafting, frozen),
  ]);
  const byParticipant = new Map(signatures.map((s) => [s.participantId, s]));
  const signers = requiredSigners(participants);
  if (!signers.every((s) => byParticipant.has(s.id))) {
    throw new AppError(ErrorCode.conflict, 'Not everyone has signed yet.');
  }

  const audit = await store.listAudit(caseRecord.id);
  const chain = verifyAuditChain(audit);
  if (!chain.valid) {
    drafting.logger.error({ case: caseRecord.id, chain }, 'the audit log fails its hash check; not issuing');
    throw new AppError(
      ErrorCode.auditChainBroken,
      `The case's record fails its integrity check at entry ${chain.sequence}; the agreement cannot be issued. Contact the service's operator.`,
    );
  }
  const issuedAt = new Date().toISOString();
  const number = documentNumber(issuedAt, await store.nextDocumentSequence());
  const input: AgreementPdfInput = {
    documentNumber: number,
    agreement,
    agreementHash: frozen.agreementHash,
    version: frozen.versionNumber,
    committeeName: committee?.name ?? '',
    signatures: signers.map((signer) => {
      const signature = byParticipant.get(signer.id)!;
      const attestation = attestations.find((a) => a.participantId === signer.id);
      return {
        participantId: signer.id,
        name: signer.displayName,
        typedName: signature.typedName,
        role: signer.role,
        signedAt: signature.signedAt,
        image: signature.image,
        publicKeyFingerprint: publicKeyFingerprint(signature.publicKey),
        ...(attestation && {
          identity: {
            documentType: attestation.documentType,
            numberLastDigits: attestation.numberLastDigits,
            attestedBy: attestation.attestedBy,
            attestedAt: attestation.attestedAt,
          },
        }),
      };
    }),
    audit,
    verifyUrl: `${issuing.verifyBaseUrl.replace(/\/$/, '')}/verify/${number}`,
    issuedAt,
  };
  const pdf = await withinRenderTime(issuing.renderPdf(input, { id: caseRecord.committeeId, name: committee?.name ?? '' }));
  const record: IssuedAgreementRecord = {
    documentNumber: number,
    caseId: caseRecord.id,
    freezeId: frozen.id,
    pdf,
    pdfSha256: createHash('sha256').update(pdf).digest('hex'),
    issuedAt,
  };
  const issued = await store.issueAgreement(record, {
    caseId: caseRecord.id,
    at: issuedAt,
    actor: SERVICE_ACTOR,
    type: 'agreement.issued',
    data: { documentNumber: number, version: frozen.versionNumber, agreementHash: frozen.agreementHash, pdfSha256: record.pdfSha256 },
  });
  if (!issued) {
    // Another server issued it, or the freeze was voided there meanwhile.
    const existing = await store.findIssuedAgreementOfCase(caseRecord.id);
    if (existing) return existing;
    throw new AppError(ErrorCode.agreementNotFrozen, 'The agreement was unfrozen while it was being issued.');
  }
  drafting.issued = true;
  drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
  return record;
}
