import type { SigningState } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import { issueAgreement, type AgreementIssuing } from './issue-agreement.js';

/**
 * Issues the agreement if every required signer has signed the frozen version and it is not
 * issued yet: after the last signature, and again when someone joins, so a service that
 * stopped between the last signature and the PDF still issues it. One issuing at a time per case.
 */
export function issueWhenComplete(drafting: CaseDrafting, issuing: AgreementIssuing, state: SigningState): void {
  const complete = state.frozen !== null && state.signers.length > 0 && state.signers.every((s) => s.state === 'signed');
  if (!complete || state.issued || drafting.issuing) return;
  drafting.issuing = issueAgreement(drafting, issuing)
    .then(
      () => undefined,
      (error: unknown) => drafting.logger.error({ err: error }, 'issuing the agreement failed'),
    )
    .finally(() => {
      drafting.issuing = null;
    });
}
