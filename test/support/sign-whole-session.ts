import { ClientEvent, DraftDocument, Role, ServerEvent, type CreatedCase, type JoinLink, type SigningState } from '@mediation/shared';
import { DraftingParticipant } from './drafting-participant.js';
import { FREEZE_ANYWAY } from './freeze-anyway.js';
import { waitUntil } from './headless-participant.js';
import { TestSigner } from './test-signer.js';

/** The roles that sign, in the order they must: the parties, then the mediators. */
const SIGNS_FIRST = (link: JoinLink) => (link.role === Role.mediator ? 1 : 0);

/**
 * A whole session over real sockets, as people would hold it: everyone of the case who
 * signs joins the room, the mediator starts the agreement from the category's template,
 * records each party's identity check and freezes it; each consents and signs with a key
 * of their own, the parties first. Resolves with the issued agreement's document number.
 * With several addresses (nodes), each person enters through the next one in turn.
 */
export async function signWholeSession(serviceUrl: string | string[], created: CreatedCase, category = 'neighbourhood' as const): Promise<string> {
  const entries = typeof serviceUrl === 'string' ? [serviceUrl] : serviceUrl;
  const signersLinks = created.links.filter((link) => link.role !== Role.observer && link.role !== Role.interpreter && link.role !== Role.representative);
  const people = new Map<string, DraftingParticipant>();
  let state: SigningState | undefined;
  try {
    for (const [index, link] of signersLinks.entries()) {
      const participant = await DraftingParticipant.join(entries[index % entries.length]!, link, created.roomId);
      participant.headless.socket.on(ServerEvent.signingState, (next) => (state = next));
      people.set(link.participantId, participant);
    }
    const mediatorLink = signersLinks.find((link) => link.own) ?? signersLinks.find((link) => link.role === Role.mediator)!;
    const mediator = people.get(mediatorLink.participantId)!;
    await mediator.open(DraftDocument.agreement);
    await mediator.headless.request(ClientEvent.startAgreement, { category, language: 'zh-CN' });
    const parties = signersLinks.filter((link) => link.role !== Role.mediator);
    for (const [n, party] of parties.entries()) {
      await mediator.headless.request(ClientEvent.attestIdentity, {
        participantId: party.participantId,
        documentType: 'resident-id-card',
        numberLastDigits: `${1000 + n}`,
      });
    }
    const frozen = await mediator.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    for (const link of [...signersLinks].sort((a, b) => SIGNS_FIRST(a) - SIGNS_FIRST(b))) {
      const person = people.get(link.participantId)!;
      await person.headless.request(ClientEvent.consent, frozen);
      const signer = await TestSigner.create();
      const request = await signer.request(created.caseId, frozen, { participantId: link.participantId, name: link.displayName, role: link.role });
      await person.headless.request(ClientEvent.sign, request);
    }
    await waitUntil(() => Boolean(state?.issued), 30_000);
    return state!.issued!.documentNumber;
  } finally {
    for (const participant of people.values()) participant.close();
  }
}
