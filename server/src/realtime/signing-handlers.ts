import { ClientEvent } from '@mediation/shared';
import { attestIdentity } from '../signing/attest-identity.js';
import { consentToSign } from '../signing/consent-to-sign.js';
import { checkBeforeFreeze, freezeAgreement } from '../signing/freeze-agreement.js';
import { issueWhenComplete } from '../signing/issue-when-complete.js';
import { signAgreement } from '../signing/sign-agreement.js';
import { signingState } from '../signing/signing-state.js';
import { unfreezeAgreement } from '../signing/unfreeze-agreement.js';
import type { DocumentHandlerMap } from './handler-context.js';

type SigningEvent =
  | typeof ClientEvent.checkBeforeFreeze
  | typeof ClientEvent.freezeAgreement
  | typeof ClientEvent.unfreezeAgreement
  | typeof ClientEvent.attestIdentity
  | typeof ClientEvent.consent
  | typeof ClientEvent.sign
  | typeof ClientEvent.getSigningState;

export const signingHandlers: Pick<DocumentHandlerMap, SigningEvent> = {
  [ClientEvent.checkBeforeFreeze]: ({ drafting, member }) => checkBeforeFreeze(drafting, member),
  [ClientEvent.freezeAgreement]: ({ drafting, member }, request) => freezeAgreement(drafting, member, request),
  [ClientEvent.unfreezeAgreement]: async ({ drafting, member }) => {
    await unfreezeAgreement(drafting, member);
    return {};
  },
  [ClientEvent.attestIdentity]: async ({ drafting, member }, request) => {
    await attestIdentity(drafting, member, request);
    return {};
  },
  [ClientEvent.consent]: async ({ drafting, member }, request) => {
    await consentToSign(drafting, member, request);
    return {};
  },
  [ClientEvent.sign]: async ({ drafting, member, issuing }, request) => {
    const { signedAt, complete } = await signAgreement(drafting, member, request);
    // The signer hears "signed" first; issuing the PDF follows and everyone is told.
    if (complete) {
      setImmediate(() => {
        signingState(drafting).then(
          (state) => issueWhenComplete(drafting, issuing, state),
          (error: unknown) => drafting.logger.error({ err: error }, 'reading the signing state to issue failed'),
        );
      });
    }
    return { signedAt };
  },
  [ClientEvent.getSigningState]: ({ drafting }) => signingState(drafting),
};
