import { publicKeyFingerprint, type SigningPayload, type VerificationReport } from '@mediation/shared';
import type { IssuedAgreementRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { PdfEvidence } from './read-pdf-evidence.js';
import { verifySignerSignature } from './verify-signer-signature.js';

const NOT_OURS: VerificationReport = {
  detail: 'full',
  authentic: false,
  tampered: false,
  documentNumber: null,
  issuedAt: null,
  committee: null,
  caseNumber: null,
  version: null,
  agreementHash: null,
  pdfSha256: null,
  signers: [],
};

/**
 * Number of a file's most frequent document numbers looked up in the records: a changed
 * copy of an issued PDF names its own number most often, so one would do; a few allow for
 * a file that cites other agreements as often as its own.
 */
const MAX_NUMBERS_LOOKED_UP = 3;

/**
 * Checks an uploaded PDF (read by readPdfEvidence): authentic only if its bytes are
 * exactly those the service issued (their SHA-256 is on record), tampered if it names one
 * of our documents but any byte differs; each signer's own ECDSA signature is checked
 * again from the records. Whatever the file holds, this is one index look-up by hash and
 * at most MAX_NUMBERS_LOOKED_UP by number.
 */
export async function verifyIssuedPdf(store: Store, evidence: PdfEvidence): Promise<VerificationReport> {
  const exact = await store.findIssuedAgreementBySha256(evidence.sha256);
  if (exact) return { ...(await describeIssued(store, exact)), authentic: true, tampered: false };
  // The number stands several times in an issued file (metadata, signature), so one changed
  // byte cannot hide it; the most frequent number that is on record is the document meant.
  let issued: IssuedAgreementRecord | undefined;
  for (const candidate of evidence.documentNumbers.slice(0, MAX_NUMBERS_LOOKED_UP)) {
    issued = await store.findIssuedAgreement(candidate);
    if (issued) break;
  }
  if (!issued) return { ...NOT_OURS, documentNumber: evidence.documentNumbers[0] ?? null };
  return { ...(await describeIssued(store, issued)), authentic: false, tampered: true };
}

/**
 * What the records say of a document number. `mayRead(caseId)` tells whether the asker may
 * see that case's details (who signed, the case number); without that right, only that the
 * document exists, when and by which committee it was issued, and its hash.
 */
export async function lookUpIssuedAgreement(
  store: Store,
  documentNumber: string,
  mayRead: (caseId: string) => Promise<boolean>,
): Promise<VerificationReport> {
  const issued = await store.findIssuedAgreement(documentNumber);
  if (!issued) return { ...NOT_OURS, documentNumber };
  const full = { ...(await describeIssued(store, issued)), authentic: true, tampered: false };
  if (await mayRead(issued.caseId)) return full;
  return { ...full, detail: 'existence', caseNumber: null, version: null, agreementHash: null, signers: [] };
}

async function describeIssued(store: Store, issued: IssuedAgreementRecord): Promise<VerificationReport> {
  const [found, freeze, signatures] = await Promise.all([
    store.findCase(issued.caseId),
    store.findFreeze(issued.freezeId),
    store.listSignatures(issued.freezeId),
  ]);
  const [committee, participants] = await Promise.all([
    found ? store.findCommittee(found.committeeId) : undefined,
    found ? store.listParticipants(found.sessionId) : [],
  ]);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const signers = await Promise.all(
    signatures.map(async (signature) => {
      const payload = JSON.parse(signature.payload) as SigningPayload;
      const participant = byId.get(signature.participantId);
      const valid =
        payload.agreementHash === freeze?.agreementHash &&
        payload.signer.participantId === signature.participantId &&
        (await verifySignerSignature(signature.publicKey, signature.signature, new TextEncoder().encode(signature.payload)));
      return {
        name: participant?.displayName ?? payload.signer.name,
        role: participant?.role ?? payload.signer.role,
        signedAt: signature.signedAt,
        publicKeyFingerprint: publicKeyFingerprint(signature.publicKey),
        signatureValid: valid,
      };
    }),
  );
  return {
    detail: 'full',
    authentic: false,
    tampered: false,
    documentNumber: issued.documentNumber,
    issuedAt: issued.issuedAt,
    committee: committee?.name ?? null,
    caseNumber: found?.caseNumber ?? null,
    version: freeze?.versionNumber ?? null,
    agreementHash: freeze?.agreementHash ?? null,
    pdfSha256: issued.pdfSha256,
    signers,
  };
}
