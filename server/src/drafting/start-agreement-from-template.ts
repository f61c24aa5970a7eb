import type * as Y from 'yjs';
import {
  DraftDocument,
  ErrorCode,
  isParty,
  ParticipantAction,
  Role,
  type AgreementLanguage,
  type DisputeCategory,
} from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { auditActor, type CaseDrafting } from './case-drafting.js';
import type { DraftingMember } from './drafting-member.js';
import { agreementTemplate } from './templates/agreement-templates.js';
import { writeAgreementTemplate } from './templates/write-agreement-template.js';

type TemplateRequest = { category: DisputeCategory; language: AgreementLanguage };

/**
 * Replaces the agreement with the template of a dispute category, its header and parties
 * filled from the case, as one change everyone receives, stored in one transaction with
 * its audit entry.
 */
export function startAgreementFromTemplate(drafting: CaseDrafting, member: DraftingMember, request: TemplateRequest): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.startAgreement);
  return drafting.serially(() => startFromTemplate(drafting, member, request));
}

async function startFromTemplate(drafting: CaseDrafting, member: DraftingMember, request: TemplateRequest): Promise<void> {
  const refusal = drafting.agreementChangeRefusal();
  if (refusal) throw refusal;
  const [agreement, participants, committee] = await Promise.all([
    drafting.loadDocument(DraftDocument.agreement),
    drafting.participants(),
    drafting.store.findCommittee(drafting.caseRecord.committeeId),
  ]);
  const active = participants.filter((p) => p.revokedAt === null);
  const parties = active.filter((p) => isParty(p.role));
  const namesOf = (role: Role) => parties.filter((p) => p.role === role).map((p) => p.displayName).join(request.language === 'zh-CN' ? '、' : ', ');
  const template = agreementTemplate(request.category, request.language, {
    applicant: namesOf(Role.applicant),
    respondent: namesOf(Role.respondent),
  });

  const header = {
    committee: committee?.name ?? '',
    caseNumber: drafting.caseRecord.caseNumber,
    title: drafting.caseRecord.title,
    category: request.category,
    language: request.language,
    mediator: active.find((p) => p.role === Role.mediator)?.displayName ?? member.name,
  };
  const agreementParties = parties.map((p) => ({ participantId: p.id, name: p.displayName, role: p.role, details: '' }));
  const at = new Date().toISOString();
  const edit = (doc: Y.Doc) => writeAgreementTemplate(doc, header, agreementParties, template);
  await agreement.changeByServer(edit, async (update) => {
    const sequence = await drafting.store.startAgreement(drafting.caseId, update, {
      caseId: drafting.caseId,
      at,
      actor: auditActor(member),
      type: 'agreement.started-from-template',
      data: request,
    });
    if (sequence === undefined) throw new AppError(ErrorCode.agreementFrozen, 'The agreement is frozen for signing; unfreeze it first.');
    return sequence;
  });
}
