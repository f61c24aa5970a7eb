import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.js';
import { SHA256_HEX } from '../drafting/canonical-json.js';
import type { SignerState } from '../signing/signer-state.js';
import type { ErrorBody } from './error-codes.js';
import { MAX_SIGNATURE_IMAGE_BYTES, MAX_SIGNATURE_IMAGE_HEIGHT, MAX_SIGNATURE_IMAGE_WIDTH } from './message-limits.js';
import { signableText } from '../text/signable-text.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const binary = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array || value instanceof ArrayBuffer, 'expected binary data')
  .transform((value) => (value instanceof Uint8Array ? value : new Uint8Array(value)));

const pngImage = binary
  .refine((bytes) => bytes.byteLength <= MAX_SIGNATURE_IMAGE_BYTES, {
    message: `the signature image must be at most ${MAX_SIGNATURE_IMAGE_BYTES} bytes`,
  })
  .refine((bytes) => PNG_MAGIC.every((byte, i) => bytes[i] === byte), { message: 'the signature image must be a PNG' })
  .refine(
    (bytes) => {
      const size = pngSize(bytes);
      return size !== null && size.width <= MAX_SIGNATURE_IMAGE_WIDTH && size.height <= MAX_SIGNATURE_IMAGE_HEIGHT;
    },
    { message: `the signature image must be at most ${MAX_SIGNATURE_IMAGE_WIDTH} × ${MAX_SIGNATURE_IMAGE_HEIGHT} pixels` },
  );

/** The width and height a PNG declares in its first chunk (IHDR), or null if it has none. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.byteLength < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

const base64url32Bytes = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes in base64url');

export const IDENTITY_DOCUMENT_TYPES = ['resident-id-card', 'passport', 'hk-macao-permit', 'taiwan-permit', 'other'] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

const frozenVersion = {
  version: z.number().int().positive(),
  agreementHash: z.string().regex(SHA256_HEX, 'expected a SHA-256 in lowercase hex'),
};

/**
 * Freezing with items of the checklist still open (FreezeChecklistItem) needs a reason,
 * which goes into the audit log and the PDF's audit page.
 */
export const FreezeAgreementRequest = z.object({ overrideReason: signableText(z.string().trim().min(1).max(500)).optional() }).strict();

export const CheckBeforeFreezeRequest = z.object({}).strict();

/** What should be settled before the agreement is frozen for signing; each item still open. */
export type FreezeChecklistItem =
  /** A party whose identity document the mediator has not recorded as checked. */
  | { kind: 'identity-not-checked'; participantId: string; name: string }
  /** A party's objection to a clause, made on its current text. */
  | { kind: 'objection-open'; clauseNumber: number; participantId: string; name: string }
  /** A blank or a template's placeholder (＿＿) left in the text. */
  | { kind: 'blank-left'; part: 'header' | 'parties' | 'dispute' | 'clause' | 'performance'; clauseNumber: number | null; excerpt: string }
  /** A field the agreement must state, empty. */
  | { kind: 'field-empty'; field: 'committee' | 'case-number' | 'title' | 'mediator' | 'parties' | 'party-details'; name: string | null };

export interface FreezeChecklist {
  items: FreezeChecklistItem[];
}
export const UnfreezeAgreementRequest = z.object({}).strict();

/** The mediator's record that they checked a party's identity document on camera. */
export const AttestIdentityRequest = z.object({
  participantId: z.string().min(1).max(64),
  documentType: z.enum(IDENTITY_DOCUMENT_TYPES),
  numberLastDigits: z.string().regex(/^[0-9A-Za-z]{4}$/, 'expected the last 4 characters of the document number'),
  /** The same name in another script, as the identity document shows it (e.g. Zhang Wei for 张伟); the party may sign with it. */
  alias: signableText(z.string().trim().max(80)).optional(),
});

export const ConsentRequest = z.object(frozenVersion);

export const SignAgreementRequest = z.object({
  ...frozenVersion,
  typedName: signableText(z.string().trim().min(1).max(80)),
  signatureImage: pngImage,
  publicKey: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url32Bytes, y: base64url32Bytes }),
  /** ECDSA P-256 / SHA-256 over signingPayloadBytes, in WebCrypto's 64-byte r‖s form. */
  signature: binary.refine((bytes) => bytes.byteLength === 64, { message: 'expected a 64-byte P-256 signature' }),
});

export const GetSigningStateRequest = z.object({}).strict();

export interface SignerStatus {
  participantId: string;
  name: string;
  role: Role;
  state: SignerState;
  identityAttested: boolean;
  signedAt: string | null;
}

export interface FrozenAgreement {
  version: number;
  agreementHash: string;
  frozenAt: string;
}

export interface IssuedAgreementSummary {
  documentNumber: string;
  issuedAt: string;
  pdfSha256: string;
}

/** Pushed after the welcome and on every change: the frozen version, who has signed, the issued document. */
export interface SigningState {
  frozen: FrozenAgreement | null;
  /** Parties first, the mediator last: the order of signing. */
  signers: SignerStatus[];
  issued: IssuedAgreementSummary | null;
  /** Why the last attempt to issue the signed agreement failed (e.g. AUDIT_CHAIN_BROKEN); null once issued. */
  issueFailure: ErrorBody | null;
}

export interface SignResult {
  signedAt: string;
}

/** What the public verification reports about an uploaded PDF or a document number. */
export const VerificationReport = z.object({
  /**
   * `full` for someone holding the file (an upload) or with the right to see the case;
   * `existence` for a number alone: whether such a document exists, when and by which
   * committee it was issued, and its hash. Names and case details are personal data
   * (China's Personal Information Protection Law) and are left out: caseNumber, version
   * and agreementHash null, signers empty.
   */
  detail: z.enum(['full', 'existence']).meta({
    description: '`full` for the holder of the file or someone who may see the case; `existence` for a number alone (no names, no case details).',
  }),
  /** The exact bytes the service issued, unaltered (always false for a number lookup without a file). */
  authentic: z.boolean().meta({ description: 'The document is on record (for an upload: exactly the bytes the service issued, unaltered).' }),
  /** The file names a document of this service but its bytes differ: something changed it. */
  tampered: z.boolean().meta({ description: 'The file names a document of this service but its bytes differ: something changed it.' }),
  documentNumber: z.string().nullable(),
  issuedAt: z.string().nullable(),
  committee: z.string().nullable().meta({ description: 'The name of the committee that issued it.' }),
  caseNumber: z.string().nullable(),
  version: z.number().int().nullable().meta({ description: 'The agreement version that was frozen and signed.' }),
  agreementHash: z.string().nullable().meta({ description: 'SHA-256 of the canonical agreement text, hex.' }),
  pdfSha256: z.string().nullable().meta({ description: 'SHA-256 of the issued PDF, hex.' }),
  signers: z.array(
    z.object({
      name: z.string(),
      role: z.enum(ROLES),
      signedAt: z.string(),
      publicKeyFingerprint: z.string(),
      /** The signer's own ECDSA signature checks out against the agreement hash and consent. */
      signatureValid: z.boolean().meta({ description: 'The signer’s own ECDSA signature checks out against the agreement hash and their consent.' }),
    }),
  ),
});
export type VerificationReport = z.infer<typeof VerificationReport>;
