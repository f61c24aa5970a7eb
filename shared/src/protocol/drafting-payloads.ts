import type { DisputeCategory } from '../domain/dispute-categories.js';
import { z } from 'zod';
import { DISPUTE_CATEGORIES } from '../domain/dispute-categories.js';
import { AGREEMENT_LANGUAGES } from '../drafting/agreement-doc.js';
import { DraftDocumentName } from '../drafting/draft-documents.js';
import { signableText } from '../text/signable-text.js';
import type { Role } from '../domain/roles.js';
import type { DraftDocument } from '../drafting/draft-documents.js';
import { BASE64, fromBase64, type Base64 } from './base64.js';
import type { ErrorBody } from './error-codes.js';
import { base64Length, MAX_DRAFT_MESSAGE_BYTES } from './message-limits.js';

/**
 * Live drafting: y-protocols messages for the case's documents, and the agreement's
 * marks, versions and edit permission. The message flow is in DRAFTING.md.
 */

/** A y-protocols message in base64 (see base64.ts), handed on as its bytes. */
const bytes = z
  .string()
  .min(1, 'expected a base64 y-protocols message')
  .max(base64Length(MAX_DRAFT_MESSAGE_BYTES), `expected at most ${MAX_DRAFT_MESSAGE_BYTES} bytes`)
  .regex(BASE64, 'expected base64')
  .transform((text) => fromBase64(text))
  .refine((value) => value.byteLength > 0, { message: 'expected at least one byte' });

/** A y-protocols sync message (step 1, step 2 or update) for one document. */
export const DraftSyncRequest = z.object({ document: DraftDocumentName, message: bytes });

/** A y-protocols awareness update (caret, selection, name, colour) for one document. */
export const DraftAwarenessRequest = z.object({ document: DraftDocumentName, update: bytes });

export const SetPartyEditingRequest = z.object({ allowed: z.boolean() });

export const StartAgreementRequest = z.object({
  category: z.enum(DISPUTE_CATEGORIES),
  language: z.enum(AGREEMENT_LANGUAGES),
});

export const ClauseMarkKind = z.enum(['agree', 'object']);
export type ClauseMarkKind = z.infer<typeof ClauseMarkKind>;

export const MarkClauseRequest = z.object({
  clauseId: z.string().min(1).max(64),
  mark: ClauseMarkKind,
  comment: signableText(z.string().trim().max(1000)).optional(),
});

export const SaveVersionRequest = z.object({ name: signableText(z.string().trim().min(1).max(120)) });

export const ListVersionsRequest = z.object({}).strict();

export const GetVersionRequest = z.object({ versionId: z.string().min(1).max(64) });

/** The acknowledgement of a `draft:sync`: y-protocols messages for the client to read, in order. */
export interface DraftSyncResult {
  replies: Base64[];
}

export interface DraftSyncPush {
  document: DraftDocument;
  message: Base64;
}

/** Why a `draft:push` was not taken; `document` is null when the payload named none. */
export interface DraftRefusedPush {
  document: DraftDocument | null;
  error: ErrorBody;
}

export interface DraftAwarenessPush {
  document: DraftDocument;
  update: Base64;
}

/** One party's mark on one clause, made on the clause text whose hash it carries. */
export interface ClauseMark {
  clauseId: string;
  participantId: string;
  participantName: string;
  role: Role;
  mark: ClauseMarkKind;
  comment: string;
  /** SHA-256 of the clause text the mark was made on; another current hash means out of date. */
  clauseHash: string;
  at: string;
}

/** Sent after the welcome and whenever it changes. */
export interface DraftingState {
  partiesMayEdit: boolean;
  /** The dispute category the case was filed under: the template the mediator is offered first. */
  category: DisputeCategory;
  marks: ClauseMark[];
}

export interface AgreementVersionSummary {
  id: string;
  number: number;
  name: string;
  /** SHA-256 of the version's canonical agreement. */
  hash: string;
  savedBy: string;
  savedAt: string;
}

export interface AgreementVersionDetail {
  version: AgreementVersionSummary;
  /** The version's agreement as plain text (see agreementText). */
  text: string;
}
