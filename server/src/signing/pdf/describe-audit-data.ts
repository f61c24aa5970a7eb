import { agreementLabels, type AgreementLanguage } from '@mediation/shared';
import type { AuditEntry } from '../../audit/audit-entry.js';
import { auditDataLabels } from './audit-data-labels.js';
import { issuedPdfLabels, roleLabel } from './issued-pdf-labels.js';

/**
 * What an audit entry records, as one line a reader of the agreement's language follows
 * (no event keys, no ids): the audit log itself keeps every field whole.
 */
export function describeAuditData(entry: AuditEntry, language: AgreementLanguage): string {
  const words = auditDataLabels[language];
  const clauseName = (number: number | undefined) => (number === undefined ? null : agreementLabels[language].clauseNumber(number));
  switch (entry.type) {
    case 'case.created':
      return words.caseCreated(
        entry.data.caseNumber,
        words.categories[entry.data.category],
        entry.data.participants.map((p) => `${p.name}${issuedPdfLabels[language].inParentheses(roleLabel(language, p.role))}`).join(words.listSeparator),
      );
    case 'case.links-issued':
      return words.linksIssued(entry.data.participantIds.length);
    case 'case.scheduled':
      return words.scheduled(entry.data.scheduledAt);
    case 'case.outcome-recorded':
      return words.outcome(words.caseStatuses[entry.data.outcome], entry.data.note);
    case 'case.status-changed':
      return words.statusChanged(words.caseStatuses[entry.data.from], words.caseStatuses[entry.data.to], entry.data.cause);
    case 'session.joined':
      return '';
    case 'session.left':
      return words.left[entry.data.reason] ?? '';
    case 'lobby.admitted':
    case 'lobby.turned-away':
    case 'participant.removed':
    case 'participant.link-revoked':
    case 'participant.link-reissued':
    case 'participant.screen-share-allowed':
    case 'participant.screen-share-withdrawn':
      return entry.data.name;
    case 'room.lock-changed':
      return words.locked(entry.data.locked);
    case 'session.ended':
    case 'caucus.closed':
      return '';
    case 'caucus.opened':
      return entry.data.participants.map((p) => p.name).join(words.listSeparator);
    case 'participant.muted':
    case 'participant.unmute-allowed':
      return words.source(entry.data.name, entry.data.source);
    case 'caucus.moved':
      return words.movedTo(entry.data.name, entry.data.space === 'main');
    case 'drafting.party-editing-changed':
      return words.partyEditing(entry.data.allowed);
    case 'agreement.started-from-template':
      return words.template(words.categories[entry.data.category], words.languages[entry.data.language]);
    case 'agreement.clause-marked':
      return words.clauseMarked(clauseName(entry.data.clauseNumber), entry.data.mark, entry.data.comment);
    case 'agreement.version-saved':
      return words.versionSaved(entry.data.number, entry.data.name, entry.data.hash);
    case 'agreement.frozen':
      return words.frozen(entry.data.version, entry.data.agreementHash, entry.data.openItems?.length ?? 0, entry.data.overrideReason ?? null);
    case 'agreement.unfrozen':
      return words.unfrozen(entry.data.version, entry.data.voidedSignatures);
    case 'signing.identity-attested':
      return words.identity(
        entry.data.participantName,
        issuedPdfLabels[language].identityDocuments[entry.data.documentType],
        entry.data.numberLastDigits,
        entry.data.alias ?? null,
      );
    case 'signing.consented':
      return words.consented(entry.data.version);
    case 'signing.signed':
      return words.signed(entry.data.version, entry.data.typedName);
    case 'agreement.issued':
    case 'agreement.downloaded':
      return words.documentNumber(entry.data.documentNumber);
    case 'agreement.verified':
      return words.verified(entry.data.documentNumber, entry.data.method, entry.data.verdict);
  }
}
