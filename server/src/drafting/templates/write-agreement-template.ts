import type * as Y from 'yjs';
import {
  agreementParts,
  createClauseMap,
  createPartyMap,
  paragraphElement,
  type AgreementHeader,
  type AgreementParty,
} from '@mediation/shared';
import type { AgreementTemplate } from './agreement-templates.js';

/**
 * Replaces the whole agreement in `doc` with a template filled from the case: header,
 * parties, dispute, clauses and performance terms. To be called inside one transaction, so
 * that it is one change everyone receives.
 */
export function writeAgreementTemplate(doc: Y.Doc, header: AgreementHeader, parties: AgreementParty[], template: AgreementTemplate): void {
  const parts = agreementParts(doc);
  parts.header.clear();
  for (const [key, value] of Object.entries(header)) parts.header.set(key, value);
  parts.parties.delete(0, parts.parties.length);
  parts.parties.insert(0, parties.map(createPartyMap));
  parts.dispute.delete(0, parts.dispute.length);
  parts.dispute.insert(0, [paragraphElement(template.dispute)]);
  parts.clauses.delete(0, parts.clauses.length);
  parts.clauses.insert(0, template.clauses.map((clause) => createClauseMap([clause])));
  parts.performance.delete(0, parts.performance.length);
  parts.performance.insert(0, template.performance.map(paragraphElement));
}
