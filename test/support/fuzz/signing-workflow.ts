import { ClientEvent, Role, ServerEvent, type SigningState } from '@mediation/shared';
import { linkOf, tokenOf } from '../create-test-case.js';
import { HeadlessParticipant, waitUntil } from '../headless-participant.js';
import { TestSigner } from '../test-signer.js';
import { answerCode, answerProblem } from './check-answer.js';
import { createCaseAs } from './committee-session.js';
import type { SigningWorkflowInput } from './fuzz-input.js';
import { Prng } from './prng.js';
import { signatureImage } from './signature-images.js';
import { FREEZE_ANYWAY } from '../freeze-anyway.js';

export interface SigningWorkflowOutcome {
  /** The answer to each signature, applicant, respondent, mediator. */
  codes: string[];
  /** Whether the agreement was issued (null when not everyone's signature was taken). */
  issued: boolean | null;
  problems: string[];
}

const SIGNING_ORDER = [Role.applicant, Role.respondent, Role.mediator] as const;
/** An agreement is issued in a second or two; far longer means it will not be. */
const ISSUE_WITHIN_MS = 10_000;

/**
 * A case signed from start to issue by its mediator and two parties, with the signature
 * images given: whatever images the signatures were taken with, the agreement is issued
 * and downloadable, or the problem is reported.
 */
export async function runSigningWorkflow(baseUrl: string, cookie: string, input: SigningWorkflowInput, seed: number): Promise<SigningWorkflowOutcome> {
  const prng = new Prng(seed);
  const created = await createCaseAs(baseUrl, cookie, {
    caseNumber: `FZ-SIGN-${seed}`,
    title: 'Signing workflow',
    category: 'consumer',
    waitingRoom: false,
    participants: [
      { displayName: 'Applicant S', role: Role.applicant },
      { displayName: 'Respondent S', role: Role.respondent },
    ],
  });
  const people = new Map<Role, HeadlessParticipant>();
  const problems: string[] = [];
  const codes: string[] = [];
  try {
    for (const role of SIGNING_ORDER) {
      people.set(role, await HeadlessParticipant.connect(baseUrl, { token: tokenOf(linkOf(created, role).url), roomId: created.roomId }));
    }
    let latest: SigningState | null = null;
    people.get(Role.mediator)!.socket.on(ServerEvent.signingState, (state) => (latest = state));
    const mediator = people.get(Role.mediator)!;
    const language = prng.pick(['zh-CN', 'en'] as const);
    await mediator.request(ClientEvent.startAgreement, { category: 'consumer', language });
    for (const role of [Role.applicant, Role.respondent]) {
      await mediator.request(ClientEvent.attestIdentity, { participantId: linkOf(created, role).participantId, documentType: 'passport', numberLastDigits: '1234' });
    }
    const frozen = await mediator.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    for (const [i, role] of SIGNING_ORDER.entries()) {
      const participant = people.get(role)!;
      const link = linkOf(created, role);
      await participant.request(ClientEvent.consent, frozen);
      const request = await (await TestSigner.create()).request(created.caseId, frozen, { participantId: link.participantId, name: link.displayName, role }, { language });
      const answer = await participant.send(ClientEvent.sign, { ...request, signatureImage: signatureImage(prng, input.images[i]!) });
      const problem = answerProblem(answer);
      if (problem) problems.push(`signing:sign with a ${input.images[i]} image: ${problem}`);
      codes.push(answerCode(answer));
    }
    if (codes.some((code) => code !== 'ok')) return { codes, issued: null, problems };
    const issued = await waitUntil(() => (latest as SigningState | null)?.issued != null, ISSUE_WITHIN_MS).then(
      () => true,
      () => false,
    );
    if (!issued) {
      problems.push(`every signature was taken (images ${input.images.join(', ')}) but the agreement was not issued within ${ISSUE_WITHIN_MS / 1000} s`);
      return { codes, issued, problems };
    }
    const download = await fetch(`${baseUrl}/api/cases/${created.caseId}/agreement.pdf`, { headers: { authorization: `Bearer ${tokenOf(linkOf(created, Role.applicant).url)}` } });
    if (download.status !== 200) problems.push(`the issued agreement could not be downloaded: ${download.status}`);
    return { codes, issued, problems };
  } finally {
    for (const participant of people.values()) participant.close();
  }
}
