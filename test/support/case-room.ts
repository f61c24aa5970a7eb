import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import {
  caucusIdOf,
  caucusNotesDocument,
  ClientEvent,
  MAIN_SPACE,
  readClauses,
  Role,
  ServerEvent,
  toBase64,
  type Ack,
  type ClientEventName,
  type ClientEventResults,
  type CaucusNotesDocument,
  type ClientPayloadsSent,
  type CreatedCase,
  type DraftDocument,
  type DraftRefusedPush,
  type JoinLink,
  type MediaSource,
  type UnacknowledgedClientEvent,
  EMPTY_UPDATE,
} from '@mediation/shared';
import { tokenOf } from './create-test-case.js';
import { fakeRtpParameters, HeadlessParticipant, SignallingError, waitUntil } from './headless-participant.js';
import type { TestService } from './start-test-service.js';
import { TestSigner, type SignerIdentity } from './test-signer.js';
import { FREEZE_ANYWAY } from './freeze-anyway.js';

type AcknowledgedEvent = Exclude<ClientEventName, UnacknowledgedClientEvent>;

/** The template every agreement of these tests starts from; its language is the signers' too. */
export const AGREEMENT_TEMPLATE = { category: 'neighbourhood', language: 'zh-CN' } as const;

/** A browser's DTLS parameters, as far as the SFU checks them. */
export const DTLS_PARAMETERS = {
  role: 'client' as const,
  fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => 'AB').join(':') }],
};

/** A y-protocols update message carrying `update`, in base64. */
export function updateMessage(update: Uint8Array): string {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return toBase64(encoding.toUint8Array(encoder));
}

/** Sync step 1 of an empty document: what a client sends to open one. */
export function openingMessage(): string {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return toBase64(encoding.toUint8Array(encoder));
}

/**
 * One connected participant of a case: their socket, the draft:refused pushes they got,
 * the tracks they send and the key they sign with.
 */
export class Person {
  readonly producers = new Map<MediaSource, string>();
  isReady = false;

  private constructor(
    readonly headless: HeadlessParticipant,
    readonly refusals: DraftRefusedPush[],
    readonly signer: TestSigner,
  ) {}

  static async join(serviceUrl: string, link: JoinLink, roomId: string, signer?: TestSigner): Promise<Person> {
    const refusals: DraftRefusedPush[] = [];
    const headless = await HeadlessParticipant.connect(serviceUrl, { token: tokenOf(link.url), roomId }, (event, payload) => {
      if (event === ServerEvent.draftRefused) refusals.push(payload as DraftRefusedPush);
    });
    return new Person(headless, refusals, signer ?? (await TestSigner.create()));
  }

  /**
   * Sends any client event and returns its answer. `draft:push` has none of its own: it is
   * followed by the confirmation a client asks for (the empty update), which the server
   * answers only after the push, so a refusal of the push has arrived by then.
   */
  async send<E extends ClientEventName>(event: E, payload: ClientPayloadsSent[E]): Promise<Ack<unknown>> {
    if (event !== ClientEvent.draftPush) return this.headless.send(event, payload);
    const { document } = payload as ClientPayloadsSent[typeof ClientEvent.draftPush];
    const seen = this.refusals.length;
    this.headless.socket.emit(ClientEvent.draftPush, payload as ClientPayloadsSent[typeof ClientEvent.draftPush]);
    const confirmation = await this.headless.send(ClientEvent.draftSync, { document, message: updateMessage(EMPTY_UPDATE) });
    const refused = this.refusals.slice(seen).find((refusal) => refusal.document === document);
    if (refused) return { ok: false, error: refused.error };
    return confirmation.ok ? { ok: true, data: {} } : confirmation;
  }

  async request<E extends AcknowledgedEvent>(event: E, payload: ClientPayloadsSent[E]): Promise<ClientEventResults[E]> {
    const answer = (await this.send(event, payload)) as Ack<ClientEventResults[E]>;
    if (!answer.ok) throw new SignallingError(answer.error);
    return answer.data;
  }

  close(): void {
    this.headless.close();
  }
}

/**
 * A case with its people in its room, and the states its tests need, reached through the
 * protocol itself (the mediator's own requests), never written into the store behind the
 * service's back. Each state is idempotent: asking for it again changes nothing.
 */
export class CaseRoom {
  readonly people = new Map<Role, Person>();
  private openCaucus: Promise<CaucusNotesDocument> | null = null;
  private closedCaucus: Promise<CaucusNotesDocument> | null = null;

  constructor(
    readonly service: TestService,
    readonly created: CreatedCase,
  ) {}

  get caseId(): string {
    return this.created.caseId;
  }

  link(role: Role): JoinLink {
    const link = this.created.links.find((l) => l.role === role);
    if (!link) throw new Error(`the case has no ${role}`);
    return link;
  }

  identity(role: Role): SignerIdentity {
    const { participantId, displayName, role: linkRole } = this.link(role);
    return { participantId, name: displayName, role: linkRole };
  }

  person(role: Role): Person {
    const person = this.people.get(role);
    if (!person) throw new Error(`the ${role} is not in the room`);
    return person;
  }

  /** Joins (or joins again, after leaving) with the role's link; the same signing key throughout. */
  async join(role: Role): Promise<Person> {
    const person = await Person.join(this.service.url, this.link(role), this.created.roomId, this.people.get(role)?.signer);
    this.people.set(role, person);
    return person;
  }

  close(): void {
    for (const person of this.people.values()) person.close();
  }

  private get mediator(): Person {
    return this.person(Role.mediator);
  }

  async auditLength(): Promise<number> {
    return (await this.service.store.listAudit(this.caseId)).length;
  }

  /** The document as the store holds it: everything the service accepted. */
  async storedDoc(document: DraftDocument): Promise<Y.Doc> {
    const stored = await this.service.store.loadDocument(this.caseId, document);
    const doc = new Y.Doc();
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  // Drafting.

  async partyEditing(allowed: boolean): Promise<void> {
    await this.mediator.request(ClientEvent.setPartyEditing, { allowed });
  }

  async unfrozen(): Promise<void> {
    const { frozen, issued } = await this.mediator.request(ClientEvent.getSigningState, {});
    if (issued) throw new Error('the agreement is issued: it can no longer be unfrozen');
    if (frozen) await this.mediator.request(ClientEvent.unfreezeAgreement, {});
  }

  /** An agreement open to change, with clauses (started from the template when it has none). */
  async agreementWithClauses(): Promise<void> {
    await this.unfrozen();
    if (readClauses(await this.storedDoc('agreement')).length === 0) {
      await this.mediator.request(ClientEvent.startAgreement, AGREEMENT_TEMPLATE);
    }
  }

  /** A clause of the agreement, which is started from the template first if it has none. */
  async someClauseId(): Promise<string> {
    let [clause] = readClauses(await this.storedDoc('agreement'));
    if (!clause) {
      await this.agreementWithClauses();
      [clause] = readClauses(await this.storedDoc('agreement'));
    }
    return clause!.id;
  }

  async someVersionId(): Promise<string> {
    const { versions } = await this.mediator.request(ClientEvent.listVersions, {});
    return versions[0]?.id ?? (await this.mediator.request(ClientEvent.saveVersion, { name: 'A version to read' })).id;
  }

  // Caucuses.

  /**
   * The notes of an open caucus with the applicant and the interpreter, which the mediator
   * opened staying in the main room; opened the first time it is asked for. Its members are
   * then moved back to the main room, where every other state of the room expects them
   * (each one's media): they stay its members, who may read its notes.
   */
  openCaucusNotes(): Promise<CaucusNotesDocument> {
    const members = [Role.applicant, Role.interpreter];
    this.openCaucus ??= this.caucusWith(members, 'With the applicant').then(async (document) => {
      for (const role of members) {
        await this.mediator.request(ClientEvent.moveToSpace, { participantId: this.identity(role).participantId, space: MAIN_SPACE });
      }
      return document;
    });
    return this.openCaucus;
  }

  /** The notes of a caucus with the respondent, closed since; held the first time it is asked for. */
  closedCaucusNotes(): Promise<CaucusNotesDocument> {
    this.closedCaucus ??= this.caucusWith([Role.respondent], 'With the respondent').then(async (document) => {
      await this.mediator.request(ClientEvent.closeCaucus, { caucusId: caucusIdOf(document) });
      return document;
    });
    return this.closedCaucus;
  }

  private async caucusWith(roles: Role[], name: string): Promise<CaucusNotesDocument> {
    const participantIds = roles.map((role) => this.identity(role).participantId);
    const { caucusId } = await this.mediator.request(ClientEvent.openCaucus, { participantIds, name, stayInMain: true });
    return caucusNotesDocument(caucusId);
  }

  // Signing.

  /** The version frozen for signing now, frozen first if nothing is. */
  async frozen(): Promise<{ version: number; agreementHash: string }> {
    const { frozen, issued } = await this.mediator.request(ClientEvent.getSigningState, {});
    if (issued) throw new Error('the agreement is issued: nothing more can be frozen');
    if (frozen) return { version: frozen.version, agreementHash: frozen.agreementHash };
    await this.agreementWithClauses();
    const { version, agreementHash } = await this.mediator.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    return { version, agreementHash };
  }

  /** The role has consented to the frozen version, and (a party) had their identity check recorded, as signing needs. */
  async consented(role: Role): Promise<{ version: number; agreementHash: string }> {
    const frozen = await this.frozen();
    const { signers } = await this.mediator.request(ClientEvent.getSigningState, {});
    const signer = signers.find((s) => s.role === role);
    if (signer && !signer.identityAttested && role !== Role.mediator) {
      await this.mediator.request(ClientEvent.attestIdentity, { participantId: signer.participantId, documentType: 'passport', numberLastDigits: '1234' });
    }
    await this.person(role).request(ClientEvent.consent, frozen);
    return frozen;
  }

  /** A complete, correctly signed `signing:sign` request of the role for the frozen version. */
  async signRequest(role: Role) {
    const frozen = await this.frozen();
    return this.person(role).signer.request(this.caseId, frozen, this.identity(role), { language: AGREEMENT_TEMPLATE.language });
  }

  async signed(role: Role): Promise<void> {
    const { signers } = await this.mediator.request(ClientEvent.getSigningState, {});
    if (signers.find((s) => s.role === role)?.state === 'signed') return;
    await this.consented(role);
    await this.person(role).request(ClientEvent.sign, await this.signRequest(role));
  }

  /** Every required signer has signed, and the PDF is issued. */
  async issued(): Promise<void> {
    if (!(await this.service.store.findIssuedAgreementOfCase(this.caseId))) {
      for (const role of [Role.applicant, Role.respondent, Role.mediator]) await this.signed(role);
    }
    await waitUntil(async () => (await this.service.store.findIssuedAgreementOfCase(this.caseId)) !== undefined, 30_000);
  }

  // Media.

  /** A track the role sends (their camera by default), produced first if they send none. */
  async producerOf(role: Role, source: MediaSource = 'camera'): Promise<string> {
    const person = this.person(role);
    const existing = person.producers.get(source);
    if (existing) return existing;
    const send = person.headless.welcome.sendTransport;
    if (!send) throw new Error(`the ${role} has no send transport`);
    const kind = source === 'microphone' ? 'audio' : 'video';
    const { producerId } = await person.request(ClientEvent.produce, {
      transportId: send.id,
      kind,
      source,
      rtpParameters: fakeRtpParameters(kind),
      dtlsParameters: DTLS_PARAMETERS,
    });
    person.producers.set(source, producerId);
    return producerId;
  }

  async stopSending(role: Role, source: MediaSource): Promise<void> {
    const person = this.person(role);
    const producerId = person.producers.get(source);
    if (!producerId) return;
    await person.request(ClientEvent.closeProducer, { producerId });
    person.producers.delete(source);
  }

  async ready(role: Role): Promise<void> {
    const person = this.person(role);
    if (person.isReady) return;
    const { consumers } = await person.request(ClientEvent.ready, { rtpCapabilities: person.headless.welcome.routerRtpCapabilities });
    for (const consumer of consumers) person.headless.consumers.set(consumer.id, consumer);
    person.isReady = true;
  }

  /**
   * A consumer the role holds of someone else's track (the mediator's; the applicant's for the
   * mediator): of any kind, or of their camera when `kind` is video.
   */
  async consumerOf(role: Role, kind?: 'video'): Promise<string> {
    const owner = role === Role.mediator ? Role.applicant : Role.mediator;
    await this.producerOf(owner);
    await this.ready(role);
    const ownerId = this.link(owner).participantId;
    const consumerHeld = () =>
      [...this.person(role).headless.consumers.values()].find((c) => c.participantId === ownerId && (kind === undefined || c.kind === kind));
    await waitUntil(() => consumerHeld() !== undefined);
    return consumerHeld()!.id;
  }

  transportsOf(role: Role): { send: string | null; recv: string } {
    const { sendTransport, recvTransport } = this.person(role).headless.welcome;
    return { send: sendTransport?.id ?? null, recv: recvTransport.id };
  }
}
