import type { CanonicalAgreement, Role } from '@mediation/shared';
import type { AuditEntry } from '../../audit/audit-entry.js';

export interface AgreementPdfSignature {
  participantId: string;
  name: string;
  typedName: string;
  role: Role;
  /** ISO time. */
  signedAt: string;
  /** PNG of the drawn signature (RGBA from a browser canvas is flattened onto white). */
  image: Uint8Array;
  /** SHA-256 hex of the signer's public key. */
  publicKeyFingerprint: string;
  identity?: { documentType: string; numberLastDigits: string; attestedBy: string; attestedAt: string };
}

export interface AgreementPdfInput {
  /** e.g. "MA-2026-000123". */
  documentNumber: string;
  agreement: CanonicalAgreement;
  /** SHA-256 hex of the canonical agreement. */
  agreementHash: string;
  /** The frozen version number signed. */
  version: number;
  committeeName: string;
  /** Parties first, mediator last. */
  signatures: AgreementPdfSignature[];
  audit: AuditEntry[];
  /** e.g. https://host/verify/MA-2026-000123: in the QR code and printed as text. */
  verifyUrl: string;
  /** ISO; also the PDF's creation date and the signing time, so fixed inputs give fixed bytes. */
  issuedAt: string;
}
