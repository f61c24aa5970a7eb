import { Piscina } from 'piscina';
import type { KeptSecretsConfig } from '../../store/open-kept-secrets.js';
import type { OperatorP12 } from '../certificates/load-or-create-committee-credentials.js';
import type { CommitteeIdentity } from '../certificates/issue-committee-certificate.js';
import type { AgreementPdfInput } from '../pdf/agreement-pdf-input.js';
import type { prepareCommittee, renderAgreementPdf } from './issuing-tasks.js';

/**
 * One thread beside the rooms for the slow work of issuing: making a committee's key and
 * certificate (node-forge signs and encrypts in JavaScript, over 100 ms at a time) and
 * rendering and sealing an agreement's PDF (about 60 ms). Done on the main thread, either
 * would freeze every room's signalling and every document's edits for that long.
 * One thread, so a committee's credentials are made once and then kept open in it.
 * The thread reads the install's kept secrets itself, as the main thread does: the files of
 * the data directory, or the database through a connection of its own (a pool cannot cross
 * threads). It is told where they are with each task.
 */
export class IssuingThread {
  private readonly pool = new Piscina({
    filename: new URL('./issuing-thread-entry.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    // Started when first needed, kept while issuing goes on, then its memory is returned.
    idleTimeout: 5 * 60_000,
  });

  constructor(
    private readonly keptSecrets: KeptSecretsConfig,
    private readonly operatorP12?: OperatorP12,
  ) {}

  /** Makes the committee's credentials ahead of its first agreement; answers with the certificate's subject. */
  prepareCommittee(committee: CommitteeIdentity): Promise<string> {
    return this.run<typeof prepareCommittee>('prepareCommittee', { keptSecrets: this.keptSecrets, committee, operatorP12: this.operatorP12 });
  }

  renderAgreementPdf(input: AgreementPdfInput, committee: CommitteeIdentity): Promise<Uint8Array> {
    return this.run<typeof renderAgreementPdf>('renderAgreementPdf', {
      keptSecrets: this.keptSecrets,
      committee,
      operatorP12: this.operatorP12,
      input,
    });
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  private run<Task extends (task: never) => Promise<unknown>>(name: string, task: Parameters<Task>[0]): ReturnType<Task> {
    return this.pool.run(task, { name }) as ReturnType<Task>;
  }
}
