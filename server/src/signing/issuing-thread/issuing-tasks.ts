/**
 * The tasks of the issuing thread (see `issuing-thread.ts`): the CPU-heavy part of issuing
 * an agreement, run away from the thread that serves the rooms. Each export is one task.
 */
import { loadOrCreateCommitteeCredentials, type OperatorP12 } from '../certificates/load-or-create-committee-credentials.js';
import type { CommitteeIdentity } from '../certificates/issue-committee-certificate.js';
import type { AgreementPdfInput } from '../pdf/agreement-pdf-input.js';
import { issueAgreementPdf } from '../pdf/issue-agreement-pdf.js';

export interface CommitteeTask {
  dataDir: string;
  committee: CommitteeIdentity;
  operatorP12?: OperatorP12;
}

/** Makes (or opens) a committee's signing credentials; answers with its certificate's subject. */
export async function prepareCommittee(task: CommitteeTask): Promise<string> {
  const credentials = await loadOrCreateCommitteeCredentials(task.dataDir, task.committee, task.operatorP12);
  return credentials.certificate.subject;
}

/** Renders and seals an agreement's PDF with its committee's credentials. */
export async function renderAgreementPdf(task: CommitteeTask & { input: AgreementPdfInput }): Promise<Uint8Array> {
  const credentials = await loadOrCreateCommitteeCredentials(task.dataDir, task.committee, task.operatorP12);
  return issueAgreementPdf(task.input, credentials);
}
