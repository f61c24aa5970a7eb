import { createHash, randomUUID } from 'node:crypto';
import { agreementHash, canonicalJson, documentNumber } from '@mediation/shared';
import { SERVICE_ACTOR } from '../../server/src/audit/audit-entry.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { issueAgreementPdf } from '../../server/src/signing/pdf/issue-agreement-pdf.js';
import type { Service } from '../../server/src/service.js';
import type { IssuedAgreementRecord } from '../../server/src/store/records.js';
import { fixtureAgreementPdfInput } from './agreement-pdf-fixture.js';

/**
 * Freezes and issues the fixture agreement for a case straight through the store, as the
 * service does once everyone has signed: a real sealed PDF on record under the install's
 * next document number, without a room full of signers. For tests of verification.
 */
export async function issueFixtureAgreement(service: Service, caseId: string): Promise<IssuedAgreementRecord> {
  const found = await service.store.findCase(caseId);
  if (!found) throw new Error(`no case ${caseId}`);
  const committee = await service.store.findCommittee(found.committeeId);
  if (!committee) throw new Error(`no committee ${found.committeeId}`);
  // The service makes the committee's credentials at start; reading them before they are
  // complete would make a second root.
  await service.settled;
  const credentials = await loadOrCreateCommitteeCredentials(service.keptSecrets, committee);

  const at = new Date().toISOString();
  const input = fixtureAgreementPdfInput();
  const hash = agreementHash(input.agreement);
  const freeze = await service.store.freezeAgreement(
    { id: randomUUID(), caseId, name: 'fixture', hash, canonicalJson: canonicalJson(input.agreement), snapshot: new Uint8Array(), savedBy: 'test', savedAt: at },
    { id: randomUUID(), caseId, agreementHash: hash, frozenAt: at, frozenBy: 'test' },
    (version) => ({ caseId, at, actor: SERVICE_ACTOR, type: 'agreement.frozen', data: { version, agreementHash: hash, openItems: [], overrideReason: null } }),
  );
  if (!freeze) throw new Error(`case ${caseId} is frozen already`);
  const number = documentNumber(at, await service.store.nextDocumentSequence());
  const pdf = await issueAgreementPdf({ ...input, documentNumber: number, agreementHash: hash, version: freeze.versionNumber, issuedAt: at }, credentials);
  const record: IssuedAgreementRecord = {
    documentNumber: number,
    caseId,
    freezeId: freeze.id,
    pdf: new Uint8Array(pdf),
    pdfSha256: createHash('sha256').update(pdf).digest('hex'),
    issuedAt: at,
  };
  const issued = await service.store.issueAgreement(record, {
    caseId,
    at,
    actor: SERVICE_ACTOR,
    type: 'agreement.issued',
    data: { documentNumber: number, version: freeze.versionNumber, agreementHash: hash, pdfSha256: record.pdfSha256 },
  });
  if (!issued) throw new Error(`case ${caseId} has an issued agreement already`);
  return record;
}
