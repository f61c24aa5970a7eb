import * as Y from 'yjs';
import { agreementParts, createClauseMap, createPartyMap, paragraphElement, Role, type DisputeCategory } from '@mediation/shared';
import { agreementTemplate } from '../../server/src/drafting/templates/agreement-templates.js';

/**
 * Writes an agreement template into `doc` as server/src/drafting/start-agreement-from-template.ts
 * does (the same helpers, the same order), in one transaction: what a case's first
 * agreement holds.
 */
export function writeAgreementTemplate(doc: Y.Doc, category: DisputeCategory = 'road-traffic'): void {
  const template = agreementTemplate(category, 'zh-CN', { applicant: '王芳', respondent: '李强' });
  doc.transact(() => {
    const parts = agreementParts(doc);
    parts.header.clear();
    for (const [key, value] of Object.entries({
      committee: '昆明市五华区人民调解委员会',
      caseNumber: '(2024)五调字第17号',
      title: '交通事故赔偿纠纷',
      category,
      language: 'zh-CN',
      mediator: '张敏',
    })) {
      parts.header.set(key, value);
    }
    parts.parties.delete(0, parts.parties.length);
    parts.parties.insert(0, [
      createPartyMap({ participantId: 'p-applicant', name: '王芳', role: Role.applicant, details: '' }),
      createPartyMap({ participantId: 'p-respondent', name: '李强', role: Role.respondent, details: '' }),
    ]);
    parts.dispute.delete(0, parts.dispute.length);
    parts.dispute.insert(0, [paragraphElement(template.dispute)]);
    parts.clauses.delete(0, parts.clauses.length);
    parts.clauses.insert(0, template.clauses.map((clause) => createClauseMap([clause])));
    parts.performance.delete(0, parts.performance.length);
    parts.performance.insert(0, template.performance.map(paragraphElement));
  });
}

/** The update that `edit` makes to `doc`, as one (null when it changes nothing). */
export function updateOf(doc: Y.Doc, edit: () => void): Uint8Array | null {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  doc.on('update', collect);
  try {
    doc.transact(edit);
  } finally {
    doc.off('update', collect);
  }
  return updates.length === 0 ? null : Y.mergeUpdates(updates);
}

/** A replica of `doc`, as a member holds it once in step. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}
