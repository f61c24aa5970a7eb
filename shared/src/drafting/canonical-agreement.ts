import type * as Y from 'yjs';
import {
  readClauses,
  readHeader,
  readParties,
  agreementParts,
  type AgreementHeader,
  type AgreementParty,
} from './agreement-doc.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { canonicalRichText, type CanonicalNode } from './canonical-rich-text.js';

export const CANONICAL_AGREEMENT_FORMAT = 'mediation-agreement/1';

/**
 * The agreement exactly as it will be signed: text and structure, nothing about who typed
 * what or when. Clause ids are left out: they identify clauses for marks, they are not text.
 */
export interface CanonicalAgreement {
  format: typeof CANONICAL_AGREEMENT_FORMAT;
  header: AgreementHeader;
  parties: Omit<AgreementParty, 'participantId'>[];
  dispute: CanonicalNode[];
  clauses: { number: number; body: CanonicalNode[] }[];
  performance: CanonicalNode[];
}

export function canonicalAgreement(doc: Y.Doc): CanonicalAgreement {
  const header = readHeader(doc);
  const parts = agreementParts(doc);
  return {
    format: CANONICAL_AGREEMENT_FORMAT,
    header: {
      committee: header.committee ?? '',
      caseNumber: header.caseNumber ?? '',
      title: header.title ?? '',
      category: header.category ?? 'other',
      language: header.language ?? 'zh-CN',
      mediator: header.mediator ?? '',
    },
    parties: readParties(doc).map(({ name, role, details }) => ({ name, role, details })),
    dispute: canonicalRichText(parts.dispute),
    clauses: readClauses(doc).map((clause, index) => ({ number: index + 1, body: canonicalRichText(clause.body) })),
    performance: canonicalRichText(parts.performance),
  };
}

/** The SHA-256 (hex) of the agreement's canonical JSON: what signers will sign. */
export function agreementHash(agreement: CanonicalAgreement): string {
  return sha256Hex(canonicalJson(agreement));
}

/** The SHA-256 of one clause's text: a mark made on another hash is out of date. */
export function clauseHash(body: Y.XmlFragment): string {
  return sha256Hex(canonicalJson(canonicalRichText(body)));
}
