import type { Logger } from '../logging/logger.js';
import type { IssuingThread } from '../signing/issuing-thread/issuing-thread.js';
import type { CommitteeRecord } from '../store/records.js';

/**
 * Makes each new committee's signing key and certificate in the issuing thread, in the
 * background: a first root CA takes a second or so, which nobody creating a committee
 * should wait for. A failure is logged, not thrown: issuing the committee's first agreement
 * makes the credentials then. The service waits for those under way before it closes.
 */
export class CommitteeCredentials {
  private readonly underWay = new Set<Promise<void>>();

  constructor(
    private readonly issuingThread: Pick<IssuingThread, 'prepareCommittee'>,
    private readonly logger: Logger,
  ) {}

  /** Starts making the committee's credentials; settles (never rejects) when done. */
  prepare(committee: CommitteeRecord): Promise<void> {
    const done: Promise<void> = this.issuingThread
      .prepareCommittee(committee)
      .then(
        (certificate) => this.logger.info({ committee: committee.id, certificate }, 'committee signing certificate ready'),
        (error: unknown) => this.logger.error({ err: error, committee: committee.id }, 'making the committee signing certificate failed'),
      )
      .finally(() => this.underWay.delete(done));
    this.underWay.add(done);
    return done;
  }

  /** Settles when every preparation started so far is done. */
  async settled(): Promise<void> {
    await Promise.all([...this.underWay]);
  }
}
