import { AGREEMENT_LANGUAGES, type AgreementLanguage, type ArchiveAuditEntry, type ArchiveCaseRecord } from '@mediation/shared';
import type { AuditEntry } from '../audit/audit-entry.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import type { Reach } from '../policy/policy.js';
import { describeAuditData } from '../signing/pdf/describe-audit-data.js';
import { issuedPdfLabels } from '../signing/pdf/issued-pdf-labels.js';
import { verifyIssuedPdf } from '../signing/verify-issued-agreement.js';
import type { CaseWithSession } from '../store/records.js';
import type { Store } from '../store/store.js';
import { toAccessItem } from './to-access-item.js';
import { storedPdfEvidence } from './stored-pdf-evidence.js';

/** Downloads and verifications shown with a case's record; the access log pages through the rest. */
const RECENT_ACCESSES = 50;

const inEachLanguage = (word: (language: AgreementLanguage) => string) =>
  Object.fromEntries(AGREEMENT_LANGUAGES.map((language) => [language, word(language)])) as Record<AgreementLanguage, string>;

function toTimelineEntry(entry: AuditEntry): ArchiveAuditEntry {
  return {
    sequence: entry.sequence,
    at: entry.at,
    type: entry.type,
    actorName: entry.actor.name,
    actorRole: entry.actor.role,
    label: inEachLanguage((language) => issuedPdfLabels[language].auditTypes[entry.type] ?? entry.type),
    description: inEachLanguage((language) => describeAuditData(entry, language)),
    hash: entry.hash,
  };
}

/**
 * A case as the archive shows it (the caller may read it: authorizeArchiveCase): its
 * parties; its agreement and the check of the stored PDF, as an upload of it would be
 * checked; its audit log with the check of its hash chain; who downloaded or verified it.
 * Reading it is not recorded: downloads and verifications are.
 */
export async function readArchivedCase(store: Store, reach: Reach, found: CaseWithSession): Promise<ArchiveCaseRecord> {
  const [committee, participants, issued, entries, accesses] = await Promise.all([
    store.findCommittee(found.committeeId),
    store.listParticipants(found.sessionId),
    store.findIssuedAgreementOfCase(found.id),
    store.listAudit(found.id),
    store.listArchiveAccess({ scope: reach, caseId: found.id, limit: RECENT_ACCESSES }),
  ]);
  const chain = verifyAuditChain(entries);
  return {
    case: {
      caseId: found.id,
      caseNumber: found.caseNumber,
      title: found.title,
      category: found.category,
      status: found.status,
      committeeName: committee?.name ?? '',
      createdAt: found.createdAt,
      closedAt: found.closedAt,
    },
    // The mediator joins as their account; the others are the people of the case.
    parties: participants.filter((p) => p.accountId === null).map((p) => ({ name: p.displayName, role: p.role })),
    agreement: issued ? { documentNumber: issued.documentNumber, pdfSha256: issued.pdfSha256, issuedAt: issued.issuedAt } : null,
    verification: issued ? await verifyIssuedPdf(store, storedPdfEvidence(issued.pdf)) : null,
    audit: {
      entries: entries.map(toTimelineEntry),
      chain: chain.valid ? chain : { valid: false, entries: entries.length, brokenAt: { sequence: chain.sequence, reason: chain.reason } },
    },
    access: accesses.map(toAccessItem),
  };
}
