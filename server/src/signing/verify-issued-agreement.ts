import { createHash } from 'node:crypto';
import { DOCUMENT_NUMBER_IN_TEXT, publicKeyFingerprint, type SigningPayload, type VerificationReport } from '@mediation/shared';
import type { IssuedAgreementRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { verifySignerSignature } from './verify-signer-signature.js';

const NOT_OURS: VerificationReport = {
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
 * Checks an uploaded PDF: authentic only if its bytes are exactly those the service
 * issued (their SHA-256 is on record), tampered if it names one of our documents but any
 * byte differs; each signer's own ECDSA signature is checked again from the records.
 */
export async function verifyIssuedPdf(store: Store, pdf: Uint8Array): Promise<VerificationReport> {
  // The number stands several times in an issued file (metadata, XMP), so one changed byte
  // cannot hide it; the one found most often that is on record is the document meant.
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const counts = new Map<string, number>();
  for (const [found] of text.matchAll(DOCUMENT_NUMBER_IN_TEXT)) counts.set(found, (counts.get(found) ?? 0) + 1);
  const candidates = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  let issued: IssuedAgreementRecord | undefined;
  for (const candidate of candidates) {
    issued = await store.findIssuedAgreement(candidate);
    if (issued) break;
  }
  if (!issued) return { ...NOT_OURS, documentNumber: candidates[0] ?? null };
  const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
  const authentic = pdfSha256 === issued.pdfSha256;
  return { ...(await describeIssued(store, issued)), authentic, tampered: !authentic };
}

/** What the records say of a document number: who signed what, and whether each signature checks out. */
export async function lookUpIssuedAgreement(store: Store, documentNumber: string): Promise<VerificationReport> {
  const issued = await store.findIssuedAgreement(documentNumber);
  if (!issued) return { ...NOT_OURS, documentNumber };
  return { ...(await describeIssued(store, issued)), authentic: true, tampered: false };
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
