import * as Y from 'yjs';
import { Role, type DisputeCategory } from '@mediation/shared';
import { agreementTemplate } from '../../server/src/drafting/templates/agreement-templates.js';
import { writeAgreementTemplate as writeTemplate } from '../../server/src/drafting/templates/write-agreement-template.js';

/** What a case's first agreement holds: the road-traffic template (or another) written as the server writes it. */
export function writeAgreementTemplate(doc: Y.Doc, category: DisputeCategory = 'road-traffic'): void {
  const template = agreementTemplate(category, 'zh-CN', { applicant: '王芳', respondent: '李强' });
  const header = { committee: '昆明市五华区人民调解委员会', caseNumber: '(2024)五调字第17号', title: '交通事故赔偿纠纷', category, language: 'zh-CN' as const, mediator: '张敏' };
  const parties = [
    { participantId: 'p-applicant', name: '王芳', role: Role.applicant, details: '' },
    { participantId: 'p-respondent', name: '李强', role: Role.respondent, details: '' },
  ];
  doc.transact(() => writeTemplate(doc, header, parties, template));
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
