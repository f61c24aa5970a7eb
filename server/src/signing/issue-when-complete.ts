import { ErrorCode, ServerEvent, type SigningState } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import { AppError } from '../errors/app-error.js';
import { errorBodyLogged } from '../errors/error-body-logged.js';
import { issueAgreement, type AgreementIssuing } from './issue-agreement.js';
import { signingState } from './signing-state.js';

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
      () => {
        drafting.issueFailure = null;
      },
      async (error: unknown) => {
        // Unfrozen before its turn came: there is nothing to issue, and nothing went wrong.
        if (error instanceof AppError && error.code === ErrorCode.agreementNotFrozen) return;
        // Everyone in the room is told why, the mediator first of all.
        drafting.issueFailure = errorBodyLogged(error, drafting.logger, { step: 'issuing the agreement' });
        drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
      },
    )
    .catch((error: unknown) => drafting.logger.error({ err: error }, 'telling the room that issuing failed failed'))
    .finally(() => {
      drafting.issuing = null;
    });
}
