/**
 * The tasks of the issuing thread (see `issuing-thread.ts`): the CPU-heavy part of issuing
 * an agreement, run away from the thread that serves the rooms. Each export is one task.
 */
import { openKeptSecrets, type KeptSecretsConfig, type OpenedKeptSecrets } from '../../store/open-kept-secrets.js';
import { loadOrCreateCommitteeCredentials, type OperatorP12 } from '../certificates/load-or-create-committee-credentials.js';
import type { CommitteeIdentity } from '../certificates/issue-committee-certificate.js';
import type { AgreementPdfInput } from '../pdf/agreement-pdf-input.js';
import { issueAgreementPdf } from '../pdf/issue-agreement-pdf.js';

export interface CommitteeTask {
  keptSecrets: KeptSecretsConfig;
  committee: CommitteeIdentity;
  operatorP12?: OperatorP12;
}

/** Makes (or opens) a committee's signing credentials; answers with its certificate's subject. */
export async function prepareCommittee(task: CommitteeTask): Promise<string> {
  const credentials = await loadOrCreateCommitteeCredentials(await keptSecrets(task.keptSecrets), task.committee, task.operatorP12);
  return credentials.certificate.subject;
}

/** Renders and seals an agreement's PDF with its committee's credentials. */
export async function renderAgreementPdf(task: CommitteeTask & { input: AgreementPdfInput }): Promise<Uint8Array> {
  const credentials = await loadOrCreateCommitteeCredentials(await keptSecrets(task.keptSecrets), task.committee, task.operatorP12);
  return issueAgreementPdf(task.input, credentials);
}

/**
 * The thread opens the install's secrets once and keeps them for its life: the same files,
 * or its own connection to the database (a pool cannot cross threads). One instance per
 * place, so that two tasks of one committee share one creation of its credentials.
 */
const opened = new Map<string, Promise<OpenedKeptSecrets>>();

async function keptSecrets(config: KeptSecretsConfig): Promise<OpenedKeptSecrets['secrets']> {
  const place = JSON.stringify([config.dataDir, config.databaseUrl ?? null]);
  let secrets = opened.get(place);
  if (!secrets) {
    secrets = openKeptSecrets(config, undefined);
    opened.set(place, secrets);
    // A failed opening is tried again by the next task rather than remembered.
    secrets.catch(() => opened.delete(place));
  }
  return (await secrets).secrets;
}
