import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  AgreementField,
  caucusNotesDocument,
  ClientEvent,
  ErrorCode,
  NOTES_FIELD,
  paragraphElement,
  Role,
  ROLES,
  toBase64,
  type Ack,
  type DeskPage,
  type ClientEventName,
  type ClientEventResults,
  type ClientPayloadsSent,
  type CaseDocument,
  type CreatedCase,
  type DraftDocument,
  type JoinLink,
  type VerificationReport,
} from '@mediation/shared';
import { SESSION_COOKIE } from '../../server/src/auth/account-session.js';
import { startAccountSession } from '../../server/src/auth/start-account-session.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { caseMediatorOf, createCase } from '../../server/src/cases/create-case.js';
import type { AccountRecord } from '../../server/src/store/records.js';
import { AGREEMENT_TEMPLATE, CaseRoom, DTLS_PARAMETERS, openingMessage, updateMessage } from '../support/case-room.js';
import { createTestCase, tokenOf } from '../support/create-test-case.js';
import { fakeRtpParameters, HeadlessParticipant } from '../support/headless-participant.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';
import { addCommitteeWithMediator } from '../support/add-committee.js';

/**
 * Who may do what, pinned from outside: every socket event against every role of a case's
 * room, every REST route against every kind of caller. Each row is the rule as the product
 * states it; the service is put in the state the call needs first, so that a refusal can
 * only be for who is calling, and an allowed call must succeed.
 */

let service: TestService;
/** Case A, of committee A: every role in its room. */
let a: CaseRoom;
/** Case B, of committee B: its agreement issued, its mediator and parties in its room. */
let b: CaseRoom;
let accountA: AccountRecord;
let accountB: AccountRecord;
const sessionTokens = new Map<string, string>();
let expiringSignIn: string;
const PASSWORD_B = 'another committee’s password';
let revokedLink: JoinLink;

beforeAll(async () => {
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  accountA = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
  const createdA = await createTestCase(service, [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Respondent A', role: Role.respondent },
    { displayName: 'Representative A', role: Role.representative },
    { displayName: 'Interpreter A', role: Role.interpreter },
    { displayName: 'Observer A', role: Role.observer },
    { displayName: 'Revoked Observer A', role: Role.observer },
  ]);
  revokedLink = createdA.links.find((link) => link.displayName === 'Revoked Observer A')!;
  await service.store.revokeParticipant(revokedLink.participantId, new Date().toISOString());

  const at = new Date().toISOString();
  const committeeB = { id: randomUUID(), name: 'Committee B', createdAt: at };
  await addCommitteeWithMediator(service.store, committeeB, {
    id: randomUUID(),
    email: 'mediator@committee-b.example',
    displayName: 'Mediator B',
    passwordHash: await hashPassword(PASSWORD_B),
  });
  accountB = (await service.store.findAccountByEmail('mediator@committee-b.example'))!;
  for (const account of [accountA, accountB]) sessionTokens.set(account.id, await startAccountSession(service.store, service.secret, account.id));
  // A sign-in of its own to present expired: signing out with it ends only that one.
  expiringSignIn = await startAccountSession(service.store, service.secret, accountA.id);
  const createdB = await createCase(
    { store: service.store, secret: service.secret, joinLinkTtlSeconds: service.config.joinLinkTtlSeconds },
    caseMediatorOf(accountB),
    {
      caseNumber: 'B-1',
      title: 'Case B',
      category: 'consumer',
      waitingRoom: false,
      participants: [
        { displayName: 'Applicant B', role: Role.applicant },
        { displayName: 'Respondent B', role: Role.respondent },
      ],
    },
    service.url,
  );

  a = new CaseRoom(service, createdA);
  for (const role of ROLES) await a.join(role);
  b = new CaseRoom(service, createdB);
  for (const role of [Role.mediator, Role.applicant, Role.respondent]) await b.join(role);
  await b.issued();
});
afterAll(async () => {
  a?.close();
  b?.close();
  await service?.stop();
});

// What a call comes to.
const ALLOWED = 'allowed';
/** A call a role can never make (it never has the thing the call names): no test. */
interface NotApplicable {
  notApplicable: string;
}
type Outcome = typeof ALLOWED | ErrorCode | NotApplicable;
type ByRole = Record<Role, Outcome>;

/** Allowed for `roles`, refused with `refusal` for every other role. */
function only(roles: readonly Role[], refusal: ErrorCode = ErrorCode.forbidden): ByRole {
  return Object.fromEntries(ROLES.map((role) => [role, roles.includes(role) ? ALLOWED : refusal])) as ByRole;
}
const EVERYONE = only(ROLES);
const MEDIATOR_ONLY = only([Role.mediator]);
const PARTIES_ONLY = only([Role.applicant, Role.respondent]);
/** Required signers: the parties and the mediator. */
const SIGNERS_ONLY = only([Role.applicant, Role.respondent, Role.mediator]);
/** Who edits the shared documents while the mediator lets the parties edit. */
const EDITORS_ONLY = only([Role.mediator, Role.applicant, Role.respondent, Role.representative]);
const noOne = (refusal: ErrorCode) => only([], refusal);
const OBSERVERS_SEND_NOTHING: NotApplicable = { notApplicable: 'observers never produce, so have no track of their own' };

/** Every role, the mediator last: the mediator signs after every party. */
const ROLES_IN_TURN: readonly Role[] = [...ROLES.filter((role) => role !== Role.mediator), Role.mediator];

/** Whose things a caller names when naming someone else's. */
const someoneElse = (caller: Role) => (caller === Role.mediator ? Role.applicant : Role.mediator);

interface EventCase<E extends ClientEventName> {
  /** What is being done, when an event has several cases. */
  about?: string;
  /** Puts case A in the state the call needs, so that only the caller's role can make it fail. */
  arrange?: (room: CaseRoom, caller: Role) => Promise<unknown>;
  payload: (room: CaseRoom, caller: Role) => ClientPayloadsSent[E] | Promise<ClientPayloadsSent[E]>;
  outcome: ByRole;
  /** Whether the call's change is in the store: it must be when allowed, and must not be when refused. */
  took?: (room: CaseRoom, caller: Role) => Promise<boolean>;
  /** What the test's own bookkeeping learns from an allowed call. */
  afterAllowed?: (room: CaseRoom, caller: Role, result: ClientEventResults[E]) => unknown;
}
type EventRow<E extends ClientEventName> = EventCase<E> | EventCase<E>[];

const FIELD_OF: Record<CaseDocument, string> = {
  notes: NOTES_FIELD,
  'private-notes': NOTES_FIELD,
  agreement: AgreementField.dispute,
};

/** Read by the mediator and the caucus's members; changed by those of them who may edit the shared notes. */
const CAUCUS_READERS = only([Role.mediator, Role.applicant, Role.interpreter]);
const CAUCUS_EDITORS = only([Role.mediator, Role.applicant]);
/** A caucus id of the right form that no case has. */
const UNKNOWN_CAUCUS_NOTES = caucusNotesDocument('00000000-0000-4000-8000-000000000000');

let written = 0;
/** A real change to a document (a paragraph typed into it), the test checking afterwards whether it was stored. */
function edit<E extends typeof ClientEvent.draftSync | typeof ClientEvent.draftPush>(
  document: CaseDocument,
  partiesMayEdit: boolean,
  outcome: ByRole,
): EventCase<E> {
  const typed = new Map<Role, string>();
  return {
    about: `a change to the ${document} while the mediator ${partiesMayEdit ? 'lets' : 'does not let'} the parties edit`,
    arrange: async (room) => {
      await room.partyEditing(partiesMayEdit);
      if (document === 'agreement') await room.unfrozen();
    },
    payload: (_room, caller) => {
      const text = `typed by the ${caller}, change ${++written}`;
      typed.set(caller, text);
      const doc = new Y.Doc();
      doc.getXmlFragment(FIELD_OF[document]).insert(0, [paragraphElement(text)]);
      return { document, message: updateMessage(Y.encodeStateAsUpdate(doc)) };
    },
    outcome,
    took: async (room, caller) => (await room.storedDoc(document)).getXmlFragment(FIELD_OF[document]).toString().includes(typed.get(caller)!),
  };
}

/** A real change to a caucus's notes, whichever document `notesOf` gives, with the mediator's switch off. */
function caucusEdit<E extends typeof ClientEvent.draftSync | typeof ClientEvent.draftPush>(
  about: string,
  notesOf: (room: CaseRoom) => Promise<DraftDocument>,
  outcome: ByRole,
): EventCase<E> {
  const typed = new Map<Role, string>();
  return {
    about: `a change to ${about}`,
    arrange: (room) => room.partyEditing(false),
    payload: async (room, caller) => {
      const text = `typed by the ${caller}, change ${++written}`;
      typed.set(caller, text);
      const doc = new Y.Doc();
      doc.getXmlFragment(NOTES_FIELD).insert(0, [paragraphElement(text)]);
      return { document: await notesOf(room), message: updateMessage(Y.encodeStateAsUpdate(doc)) };
    },
    outcome,
    took: async (room, caller) => (await room.storedDoc(await notesOf(room))).getXmlFragment(NOTES_FIELD).toString().includes(typed.get(caller)!),
  };
}

function caucusOpening(about: string, notesOf: (room: CaseRoom) => Promise<DraftDocument>, outcome: ByRole): EventCase<typeof ClientEvent.draftSync> {
  return { about: `opening ${about}`, payload: async (room) => ({ document: await notesOf(room), message: openingMessage() }), outcome };
}

const openCaucusNotes = (room: CaseRoom) => room.openCaucusNotes();
const closedCaucusNotes = (room: CaseRoom) => room.closedCaucusNotes();
const unknownCaucusNotes = async () => UNKNOWN_CAUCUS_NOTES;

function opening(document: CaseDocument, outcome: ByRole): EventCase<typeof ClientEvent.draftSync> {
  return { about: `opening the ${document}`, payload: () => ({ document, message: openingMessage() }), outcome };
}

/** An awareness update with one caret carrying `name`. */
function caret(name: string): string {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalStateField('user', { name, color: '#d9534f' });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
  awareness.destroy();
  return toBase64(update);
}

async function readyToSign(room: CaseRoom, caller: Role): Promise<void> {
  if (caller === Role.mediator) {
    await room.signed(Role.applicant);
    await room.signed(Role.respondent);
  }
  // Others cannot consent: for them the agreement is only frozen.
  if (SIGNERS_ONLY[caller] === ALLOWED) await room.consented(caller);
  else await room.frozen();
}

/**
 * Every client event with what each role may do. The compiler refuses a new event without
 * its row. In the order of a session: the last signature issues the agreement, after which
 * it cannot change, and leaving ends the connection.
 */
const SOCKET_RULES: { [E in ClientEventName]: EventRow<E> } = {
  [ClientEvent.connectTransport]: [
    {
      about: 'their own receive transport',
      payload: (room, caller) => ({ transportId: room.transportsOf(caller).recv, dtlsParameters: DTLS_PARAMETERS }),
      outcome: EVERYONE,
    },
    {
      about: 'someone else’s transport',
      payload: (room, caller) => ({ transportId: room.transportsOf(someoneElse(caller)).recv, dtlsParameters: DTLS_PARAMETERS }),
      outcome: noOne(ErrorCode.notFound),
    },
  ],
  [ClientEvent.produce]: [
    {
      about: 'a track on their own send transport',
      arrange: (room, caller) => room.stopSending(caller, 'microphone'),
      // An observer is given no send transport; whatever transport they name, they may not produce.
      payload: (room, caller) => ({
        transportId: room.transportsOf(caller).send ?? room.transportsOf(caller).recv,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: fakeRtpParameters('audio'),
        dtlsParameters: DTLS_PARAMETERS,
      }),
      outcome: { ...EVERYONE, observer: ErrorCode.forbidden },
      afterAllowed: (room, caller, { producerId }) => room.person(caller).producers.set('microphone', producerId),
    },
    {
      about: 'their screen, without the mediator’s leave',
      arrange: (room, caller) => room.stopSending(caller, 'screen'),
      payload: (room, caller) => ({
        transportId: room.transportsOf(caller).send ?? room.transportsOf(caller).recv,
        kind: 'video',
        source: 'screen',
        rtpParameters: fakeRtpParameters('video', '2'),
        dtlsParameters: DTLS_PARAMETERS,
      }),
      outcome: { ...only([Role.mediator], ErrorCode.screenShareNotAllowed), observer: ErrorCode.forbidden },
      afterAllowed: (room, caller, { producerId }) => room.person(caller).producers.set('screen', producerId),
    },
    {
      about: 'a track on someone else’s send transport',
      payload: (room, caller) => ({
        transportId: room.transportsOf(someoneElse(caller)).send!,
        kind: 'video',
        source: 'screen',
        rtpParameters: fakeRtpParameters('video'),
      }),
      outcome: { ...noOne(ErrorCode.notFound), observer: ErrorCode.forbidden },
    },
  ],
  [ClientEvent.setProducerPaused]: [
    {
      about: 'their own track',
      arrange: (room, caller) => room.producerOf(caller),
      payload: (room, caller) => ({ producerId: room.person(caller).producers.get('camera')!, paused: true }),
      outcome: { ...EVERYONE, observer: OBSERVERS_SEND_NOTHING },
    },
    {
      about: 'someone else’s track',
      payload: async (room, caller) => ({ producerId: await room.producerOf(someoneElse(caller)), paused: true }),
      outcome: noOne(ErrorCode.notFound),
    },
  ],
  [ClientEvent.closeProducer]: [
    {
      about: 'their own track',
      arrange: (room, caller) => room.producerOf(caller),
      payload: (room, caller) => ({ producerId: room.person(caller).producers.get('camera')! }),
      outcome: { ...EVERYONE, observer: OBSERVERS_SEND_NOTHING },
      afterAllowed: (room, caller) => room.person(caller).producers.delete('camera'),
    },
    {
      about: 'someone else’s track',
      payload: async (room, caller) => ({ producerId: await room.producerOf(someoneElse(caller)) }),
      outcome: noOne(ErrorCode.notFound),
    },
  ],
  [ClientEvent.restartIce]: [
    {
      about: 'their own receive transport',
      payload: (room, caller) => ({ transportId: room.transportsOf(caller).recv }),
      outcome: EVERYONE,
    },
    {
      about: 'someone else’s transport',
      payload: (room, caller) => ({ transportId: room.transportsOf(someoneElse(caller)).recv }),
      outcome: noOne(ErrorCode.notFound),
    },
  ],
  // Everyone here joined without preparing: entering again changes nothing.
  [ClientEvent.enter]: { payload: () => ({}), outcome: EVERYONE },
  [ClientEvent.ready]: {
    payload: (room, caller) => ({ rtpCapabilities: room.person(caller).headless.welcome.routerRtpCapabilities }),
    outcome: EVERYONE,
    afterAllowed: (room, caller, { consumers }) => {
      const person = room.person(caller);
      for (const consumer of consumers) person.headless.consumers.set(consumer.id, consumer);
      person.isReady = true;
    },
  },
  [ClientEvent.resumeConsumers]: [
    {
      about: 'their own consumer',
      payload: async (room, caller) => ({ consumerIds: [await room.consumerOf(caller)] }),
      outcome: EVERYONE,
    },
    {
      about: 'someone else’s consumer',
      payload: async (room, caller) => ({ consumerIds: [await room.consumerOf(someoneElse(caller))] }),
      outcome: noOne(ErrorCode.notFound),
    },
  ],

  [ClientEvent.preferLayers]: [
    {
      about: 'a layer of their own consumer of a camera',
      payload: async (room, caller) => ({ consumerId: await room.consumerOf(caller, 'video'), spatialLayer: 0 }),
      outcome: EVERYONE,
    },
    {
      about: 'a layer of someone else’s consumer',
      payload: async (room, caller) => ({ consumerId: await room.consumerOf(someoneElse(caller), 'video'), spatialLayer: 0 }),
      outcome: noOne(ErrorCode.notFound),
    },
  ],
  [ClientEvent.setAudioOnly]: [
    { about: 'sound alone', payload: () => ({ audioOnly: true }), outcome: EVERYONE },
    { about: 'pictures again', payload: () => ({ audioOnly: false }), outcome: EVERYONE },
  ],

  [ClientEvent.draftSync]: [
    opening('notes', EVERYONE),
    opening('agreement', EVERYONE),
    opening('private-notes', MEDIATOR_ONLY),
    edit('notes', true, EDITORS_ONLY),
    edit('notes', false, MEDIATOR_ONLY),
    edit('agreement', true, EDITORS_ONLY),
    edit('agreement', false, MEDIATOR_ONLY),
    edit('private-notes', true, MEDIATOR_ONLY),
    caucusOpening('an open caucus’s notes', openCaucusNotes, CAUCUS_READERS),
    caucusOpening('a closed caucus’s notes', closedCaucusNotes, MEDIATOR_ONLY),
    caucusOpening('the notes of a caucus the case never had', unknownCaucusNotes, noOne(ErrorCode.notFound)),
    caucusEdit('an open caucus’s notes', openCaucusNotes, CAUCUS_EDITORS),
    caucusEdit('a closed caucus’s notes', closedCaucusNotes, noOne(ErrorCode.forbidden)),
    caucusEdit('the notes of a caucus the case never had', unknownCaucusNotes, noOne(ErrorCode.notFound)),
  ],
  [ClientEvent.draftPush]: [
    edit('notes', true, EDITORS_ONLY),
    edit('notes', false, MEDIATOR_ONLY),
    edit('agreement', true, EDITORS_ONLY),
    edit('agreement', false, MEDIATOR_ONLY),
    edit('private-notes', true, MEDIATOR_ONLY),
    caucusEdit('an open caucus’s notes', openCaucusNotes, CAUCUS_EDITORS),
    caucusEdit('a closed caucus’s notes', closedCaucusNotes, noOne(ErrorCode.forbidden)),
  ],
  [ClientEvent.draftAwareness]: [
    {
      about: 'their own caret in the notes',
      payload: (room, caller) => ({ document: 'notes', update: caret(room.identity(caller).name) }),
      outcome: EVERYONE,
    },
    {
      about: 'their own caret in the private notes',
      payload: (room, caller) => ({ document: 'private-notes', update: caret(room.identity(caller).name) }),
      outcome: MEDIATOR_ONLY,
    },
    {
      about: 'their own caret in an open caucus’s notes',
      payload: async (room, caller) => ({ document: await room.openCaucusNotes(), update: caret(room.identity(caller).name) }),
      outcome: CAUCUS_READERS,
    },
    {
      about: 'their own caret in a closed caucus’s notes',
      payload: async (room, caller) => ({ document: await room.closedCaucusNotes(), update: caret(room.identity(caller).name) }),
      outcome: MEDIATOR_ONLY,
    },
    {
      about: 'a caret carrying someone else’s name',
      payload: (room, caller) => ({ document: 'notes', update: caret(room.identity(someoneElse(caller)).name) }),
      outcome: noOne(ErrorCode.forbidden),
    },
  ],
  [ClientEvent.setPartyEditing]: {
    arrange: (room) => room.partyEditing(false),
    payload: () => ({ allowed: true }),
    outcome: MEDIATOR_ONLY,
    took: (room) => room.service.store.partiesMayEdit(room.caseId),
  },
  [ClientEvent.startAgreement]: {
    arrange: (room) => room.unfrozen(),
    payload: () => AGREEMENT_TEMPLATE,
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.markClause]: {
    arrange: (room) => room.agreementWithClauses(),
    payload: async (room) => ({ clauseId: await room.someClauseId(), mark: 'agree' }),
    outcome: PARTIES_ONLY,
  },
  [ClientEvent.saveVersion]: {
    payload: (_room, caller) => ({ name: `Saved by the ${caller}` }),
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.listVersions]: {
    payload: () => ({}),
    outcome: EVERYONE,
  },
  [ClientEvent.getVersion]: {
    payload: async (room) => ({ versionId: await room.someVersionId() }),
    outcome: EVERYONE,
  },

  [ClientEvent.checkBeforeFreeze]: {
    arrange: (room) => room.agreementWithClauses(),
    payload: () => ({}),
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.freezeAgreement]: {
    arrange: (room) => room.agreementWithClauses(),
    payload: () => ({ overrideReason: 'The parties asked to sign today.' }),
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.unfreezeAgreement]: {
    arrange: (room) => room.frozen(),
    payload: () => ({}),
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.attestIdentity]: {
    payload: (room) => ({ participantId: room.identity(Role.applicant).participantId, documentType: 'resident-id-card', numberLastDigits: '123X' }),
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.consent]: {
    payload: (room) => room.frozen(),
    outcome: SIGNERS_ONLY,
  },
  [ClientEvent.getSigningState]: {
    payload: () => ({}),
    outcome: EVERYONE,
  },
  [ClientEvent.sign]: {
    arrange: readyToSign,
    payload: (room, caller) => room.signRequest(caller),
    outcome: SIGNERS_ONLY,
  },
  [ClientEvent.leave]: {
    payload: () => ({}),
    outcome: EVERYONE,
    afterAllowed: (room, caller) => room.join(caller),
  },

  // Case A lets everyone straight in: nobody waits, so the mediator's answer is NOT_FOUND,
  // which comes only after the role was let through. Letting in is tested in lobby.test.ts.
  [ClientEvent.admit]: {
    // The last signature issues the agreement in the background: its audit entry is in before the counting starts.
    arrange: (room) => room.issued(),
    payload: (room) => ({ participantId: room.identity(Role.observer).participantId }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.turnAway]: {
    payload: (room) => ({ participantId: room.identity(Role.observer).participantId }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.setLocked]: {
    // Unlocking an open room: allowed and changes nothing, so every later row can still rejoin.
    payload: () => ({ locked: false }),
    outcome: MEDIATOR_ONLY,
  },
  [ClientEvent.removeParticipant]: [
    {
      about: 'the mediator',
      payload: (room) => ({ participantId: room.identity(Role.mediator).participantId }),
      outcome: noOne(ErrorCode.forbidden),
    },
    {
      about: 'someone whose link is already withdrawn',
      payload: () => ({ participantId: revokedLink.participantId }),
      outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
    },
  ],
  // Who is in which space is tested in caucus.test.ts; here only who may ask.
  [ClientEvent.openCaucus]: {
    payload: () => ({ participantIds: ['nobody-of-this-case'] }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.moveToSpace]: {
    payload: () => ({ participantId: 'nobody-of-this-case', space: 'main' }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.closeCaucus]: {
    payload: () => ({ caucusId: 'no-such-caucus' }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.listCaucusNotes]: {
    payload: () => ({}),
    outcome: MEDIATOR_ONLY,
  },
  // Muting is tested in mute.test.ts; here only who may ask, against someone not of this case.
  [ClientEvent.muteParticipant]: {
    payload: () => ({ participantId: 'nobody-of-this-case', source: 'microphone' }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.allowUnmute]: {
    payload: () => ({ participantId: 'nobody-of-this-case', source: 'microphone' }),
    outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
  },
  [ClientEvent.askToUnmute]: {
    // Nobody is muted: everyone may ask, and is told nothing of theirs is.
    payload: () => ({ source: 'microphone' }),
    outcome: noOne(ErrorCode.conflict),
  },
  [ClientEvent.allowScreenShare]: [
    {
      about: 'letting a party share their screen',
      payload: (room) => ({ participantId: room.link(Role.respondent).participantId, allowed: true }),
      outcome: MEDIATOR_ONLY,
    },
    {
      about: 'someone not of this case',
      payload: () => ({ participantId: 'nobody-of-this-case', allowed: true }),
      outcome: { ...noOne(ErrorCode.forbidden), mediator: ErrorCode.notFound },
    },
  ],
  [ClientEvent.sendChat]: {
    payload: (_room, caller) => ({ text: `A word from the ${caller}` }),
    outcome: { ...EVERYONE, observer: ErrorCode.forbidden },
  },
  [ClientEvent.listChat]: {
    payload: () => ({}),
    outcome: EVERYONE,
  },
  [ClientEvent.endSession]: {
    payload: () => ({}),
    outcome: {
      ...noOne(ErrorCode.forbidden),
      mediator: { notApplicable: 'ending the session would end every later row’s connection; lobby.test.ts ends one' },
    },
  },
};

function verdict(answer: Ack<unknown>): string {
  return answer.ok ? ALLOWED : answer.error.code;
}

function describeEvent<E extends ClientEventName>(event: E, row: EventRow<E>): void {
  for (const rule of Array.isArray(row) ? row : [row]) {
    describe(rule.about ? `${event}: ${rule.about}` : event, () => {
      for (const caller of ROLES_IN_TURN) {
        const outcome = rule.outcome[caller];
        if (typeof outcome === 'object') continue;
        it(outcome === ALLOWED ? `the ${caller} may` : `the ${caller} is refused with ${outcome}`, async () => {
          await rule.arrange?.(a, caller);
          const payload = await rule.payload(a, caller);
          const auditBefore = await a.auditLength();
          const answer = await a.person(caller).send(event, payload);
          expect(verdict(answer), JSON.stringify(answer)).toBe(outcome);
          if (answer.ok) {
            if (rule.took) expect(await rule.took(a, caller)).toBe(true);
            await rule.afterAllowed?.(a, caller, answer.data as ClientEventResults[E]);
          } else {
            expect(await a.auditLength(), 'a refusal records nothing').toBe(auditBefore);
            if (rule.took) expect(await rule.took(a, caller)).toBe(false);
          }
        });
      }
    });
  }
}

describe('socket events in case A’s room, by role', () => {
  for (const event of Object.keys(SOCKET_RULES) as ClientEventName[]) {
    describeEvent(event, SOCKET_RULES[event] as EventRow<typeof event>);
  }
});

// Tokens as they may be tampered with: the same claims under another key, or expired.
const FOREIGN_KEY = createSecretKey(randomBytes(32));
function forged(token: string): string {
  return jwt.sign(jwt.decode(token) as JwtPayload, FOREIGN_KEY, { algorithm: 'HS256' });
}
function expired(token: string): string {
  return jwt.sign({ ...(jwt.decode(token) as JwtPayload), exp: Math.floor(Date.now() / 1000) - 60 }, service.secret, { algorithm: 'HS256' });
}
const linkToken = (room: CaseRoom, role: Role) => tokenOf(room.link(role).url);
/** A live sign-in of the account, recorded on the server as a real one is. */
const signInOf = (account: AccountRecord) => sessionTokens.get(account.id)!;

describe('callers from outside case A cannot enter its room, so none of its events reach it', () => {
  const AT_THE_DOOR: Record<string, { auth: () => Record<string, unknown>; refusal: ErrorCode }> = {
    'a party of case B, with their own link': { auth: () => ({ token: linkToken(b, Role.applicant) }), refusal: ErrorCode.tokenWrongRoom },
    'an account of committee A, with its sign-in': { auth: () => ({ token: signInOf(accountA) }), refusal: ErrorCode.tokenMalformed },
    'an account of committee B, with its sign-in': { auth: () => ({ token: signInOf(accountB) }), refusal: ErrorCode.tokenMalformed },
    'someone without credentials': { auth: () => ({}), refusal: ErrorCode.tokenMissing },
    'someone with a forged link': { auth: () => ({ token: forged(linkToken(a, Role.applicant)) }), refusal: ErrorCode.tokenBadSignature },
    'someone with an expired link': { auth: () => ({ token: expired(linkToken(a, Role.applicant)) }), refusal: ErrorCode.tokenExpired },
    'someone whose link was revoked': { auth: () => ({ token: tokenOf(revokedLink.url) }), refusal: ErrorCode.tokenRevoked },
  };
  for (const [who, { auth, refusal }] of Object.entries(AT_THE_DOOR)) {
    it(`${who} is refused with ${refusal}`, async () => {
      const joining = HeadlessParticipant.connect(service.url, { ...auth(), roomId: a.created.roomId });
      await expect(joining).rejects.toMatchObject({ body: { code: refusal } });
    });
  }
});

describe('from case B’s room, nothing of case A can be named', () => {
  function fromCaseB<E extends ClientEventName>(caller: Role, event: E, payload: () => Promise<ClientPayloadsSent[E]> | ClientPayloadsSent[E]) {
    return async () => {
      const answer = await b.person(caller).send(event, await payload());
      expect(verdict(answer), JSON.stringify(answer)).toBe(ErrorCode.notFound);
    };
  }
  it(
    'case B’s mediator cannot attest the identity of case A’s applicant: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.attestIdentity, () => ({ participantId: a.identity(Role.applicant).participantId, documentType: 'passport', numberLastDigits: '0000' })),
  );
  it(
    'case B’s applicant cannot mark a clause of case A’s agreement: NOT_FOUND',
    fromCaseB(Role.applicant, ClientEvent.markClause, async () => ({ clauseId: await a.someClauseId(), mark: 'object' })),
  );
  it(
    'case B’s mediator cannot read a version of case A’s agreement: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.getVersion, async () => ({ versionId: await a.someVersionId() })),
  );
  it(
    'case B’s mediator cannot read the notes of a caucus of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.draftSync, async () => ({ document: await a.openCaucusNotes(), message: openingMessage() })),
  );
  it(
    'case B’s mediator cannot show a caret in the notes of a caucus of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.draftAwareness, async () => ({ document: await a.openCaucusNotes(), update: caret(b.identity(Role.mediator).name) })),
  );
  it(
    'case B’s mediator cannot connect a transport of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.connectTransport, () => ({ transportId: a.transportsOf(Role.mediator).recv, dtlsParameters: DTLS_PARAMETERS })),
  );
  it(
    'case B’s mediator cannot mute a track of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.setProducerPaused, async () => ({ producerId: await a.producerOf(Role.mediator), paused: true })),
  );
  it(
    'case B’s mediator cannot stop a track of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.closeProducer, async () => ({ producerId: await a.producerOf(Role.mediator) })),
  );
  it(
    'case B’s mediator cannot choose the layer of a consumer of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.preferLayers, async () => ({ consumerId: await a.consumerOf(Role.applicant, 'video'), spatialLayer: 2 })),
  );
  it(
    'case B’s mediator cannot resume a consumer of case A: NOT_FOUND',
    fromCaseB(Role.mediator, ClientEvent.resumeConsumers, async () => ({ consumerIds: [await a.consumerOf(Role.applicant)] })),
  );
});

// REST.

/** Case A's join links by role, and every other kind of caller. */
type RestCaller = Role | 'partyOfB' | 'committeeA' | 'committeeB' | 'nobody' | 'forgedLink' | 'expiredLink' | 'forgedSignIn' | 'expiredSignIn';
const REST_CALLERS: Record<RestCaller, string> = {
  mediator: 'case A’s mediator, by join link,',
  applicant: 'case A’s applicant, by join link,',
  respondent: 'case A’s respondent, by join link,',
  representative: 'case A’s representative, by join link,',
  interpreter: 'case A’s interpreter, by join link,',
  observer: 'case A’s observer, by join link,',
  partyOfB: 'case B’s applicant, by join link,',
  committeeA: 'an account of committee A (case A’s)',
  committeeB: 'an account of committee B (case B’s)',
  nobody: 'someone without credentials',
  forgedLink: 'a join link of case A signed with another key',
  expiredLink: 'an expired join link of case A',
  forgedSignIn: 'a sign-in of committee A signed with another key',
  expiredSignIn: 'an expired sign-in of committee A',
};
const CASE_A_LINKS: readonly RestCaller[] = ROLES;

function credentialsOf(caller: RestCaller): Record<string, string> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signedIn = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
  switch (caller) {
    case 'partyOfB':
      return bearer(linkToken(b, Role.applicant));
    case 'committeeA':
      return signedIn(signInOf(accountA));
    case 'committeeB':
      return signedIn(signInOf(accountB));
    case 'nobody':
      return {};
    case 'forgedLink':
      return bearer(forged(linkToken(a, Role.applicant)));
    case 'expiredLink':
      return bearer(expired(linkToken(a, Role.applicant)));
    case 'forgedSignIn':
      return signedIn(forged(signInOf(accountA)));
    case 'expiredSignIn':
      return signedIn(expired(expiringSignIn));
    default:
      return bearer(linkToken(a, caller));
  }
}

const accountOf = (caller: RestCaller) => (caller === 'committeeA' ? accountA : caller === 'committeeB' ? accountB : undefined);

interface Reply {
  status: number;
  code?: ErrorCode;
}
const OK: Reply = { status: 200 };
const CREATED: Reply = { status: 201 };
const NO_CONTENT: Reply = { status: 204 };
const UNAUTHENTICATED: Reply = { status: 401, code: ErrorCode.unauthenticated };
const INVALID_CREDENTIALS: Reply = { status: 401, code: ErrorCode.invalidCredentials };
const FORBIDDEN: Reply = { status: 403, code: ErrorCode.forbidden };
const NOT_FOUND: Reply = { status: 404, code: ErrorCode.notFound };

const everyoneGets = (reply: Reply) => Object.fromEntries(Object.keys(REST_CALLERS).map((caller) => [caller, reply])) as Record<RestCaller, Reply>;
const each = (callers: readonly RestCaller[], reply: Reply) => Object.fromEntries(callers.map((caller) => [caller, reply]));

interface RestRequest {
  method?: 'GET' | 'POST';
  path: string;
  json?: unknown;
  pdf?: Uint8Array;
  /** A sign-in of its own for this request (signing out ends the one it is sent with). */
  sessionToken?: string;
}
interface RouteRule {
  request: (caller: RestCaller) => RestRequest | Promise<RestRequest>;
  replies: Record<RestCaller, Reply>;
  /** What an allowed reply must hold. */
  check?: (caller: RestCaller, response: Response) => Promise<void>;
}

async function issuedPdf(room: CaseRoom): Promise<Uint8Array> {
  return (await service.store.findIssuedAgreementOfCase(room.caseId))!.pdf;
}
async function expectPdfOf(room: CaseRoom, response: Response): Promise<void> {
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const received = createHash('sha256').update(new Uint8Array(await response.arrayBuffer())).digest('hex');
  expect(received).toBe((await service.store.findIssuedAgreementOfCase(room.caseId))!.pdfSha256);
}
async function expectAuthentic(response: Response): Promise<void> {
  const report = (await response.json()) as VerificationReport;
  expect(report).toMatchObject({ authentic: true, documentNumber: (await service.store.findIssuedAgreementOfCase(a.caseId))!.documentNumber });
}

/**
 * Every REST route with what each caller gets. A valid credential that gives no access to a
 * case gets NOT_FOUND, whether the case exists or not, so nobody outside a case learns of it;
 * FORBIDDEN is for someone of the case whose role does not allow the action; UNAUTHENTICATED
 * is for no credential, or one the service did not issue or that has expired.
 */
const REST_RULES: Record<string, RouteRule> = {
  'POST /api/auth/sign-in': {
    // Open to anyone, and only an account's own password signs in: a link or a token is no password.
    request: (caller) => {
      const account = accountOf(caller);
      const password = account === accountA ? TEST_MEDIATOR.password : PASSWORD_B;
      return { method: 'POST', path: '/api/auth/sign-in', json: account ? { email: account.email, password } : { email: `${caller}@nowhere.example`, password: 'a guess' } };
    },
    replies: { ...everyoneGets(INVALID_CREDENTIALS), committeeA: OK, committeeB: OK },
    check: async (caller, response) => expect(await response.json()).toMatchObject({ id: accountOf(caller)!.id }),
  },
  'POST /api/auth/sign-out': {
    request: async (caller) => {
      const account = accountOf(caller);
      return {
        method: 'POST',
        path: '/api/auth/sign-out',
        ...(account && { sessionToken: await startAccountSession(service.store, service.secret, account.id) }),
      };
    },
    replies: everyoneGets(NO_CONTENT),
  },
  'GET /api/auth/me': {
    request: () => ({ path: '/api/auth/me' }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: OK, committeeB: OK },
    check: async (caller, response) => expect(await response.json()).toMatchObject({ id: accountOf(caller)!.id }),
  },
  'GET /api/cases': {
    request: () => ({ path: '/api/cases' }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: OK, committeeB: OK },
    check: async (caller, response) => {
      const listed = ((await response.json()) as DeskPage).cases.map((c) => c.id);
      const [own, other] = caller === 'committeeA' ? [a, b] : [b, a];
      expect(listed).toContain(own.caseId);
      expect(listed).not.toContain(other.caseId);
    },
  },
  'POST /api/cases': {
    request: () => ({
      method: 'POST',
      path: '/api/cases',
      json: { caseNumber: 'C-1', title: 'A new case', category: 'other', participants: [{ displayName: 'Applicant C', role: Role.applicant }] },
    }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: CREATED, committeeB: CREATED },
    check: async (caller, response) => {
      const { caseId } = (await response.json()) as CreatedCase;
      expect((await service.store.findCase(caseId))?.committeeId).toBe(accountOf(caller)!.committeeId);
    },
  },
  'GET /api/cases/:caseId/links of case A': {
    request: () => ({ path: `/api/cases/${a.caseId}/links` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: OK, committeeB: NOT_FOUND },
    check: async (_caller, response) => expect(await response.json()).toMatchObject({ caseId: a.caseId }),
  },
  'GET /api/cases/:caseId/links of case B': {
    request: () => ({ path: `/api/cases/${b.caseId}/links` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: NOT_FOUND, committeeB: OK },
    check: async (_caller, response) => expect(await response.json()).toMatchObject({ caseId: b.caseId }),
  },
  // Case A's withdrawn observer: withdrawing again and issuing anew leave every other row's people in place.
  'POST /api/cases/:caseId/participants/:participantId/revoke of case A': {
    request: () => ({ method: 'POST', path: `/api/cases/${a.caseId}/participants/${revokedLink.participantId}/revoke` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: NO_CONTENT, committeeB: NOT_FOUND },
  },
  'POST /api/cases/:caseId/participants/:participantId/reissue of case A': {
    request: () => ({ method: 'POST', path: `/api/cases/${a.caseId}/participants/${revokedLink.participantId}/reissue` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: OK, committeeB: NOT_FOUND },
    check: async (_caller, response) => expect(await response.json()).toMatchObject({ participantId: revokedLink.participantId }),
  },
  'GET /api/cases/:caseId/agreement.pdf of case A': {
    request: () => ({ path: `/api/cases/${a.caseId}/agreement.pdf` }),
    replies: {
      ...everyoneGets(UNAUTHENTICATED),
      ...each([Role.mediator, Role.applicant, Role.respondent, Role.representative, Role.interpreter], OK),
      // Observers watch and listen only; the signed agreement is for those who negotiated it.
      observer: FORBIDDEN,
      partyOfB: NOT_FOUND,
      committeeA: OK,
      committeeB: NOT_FOUND,
    },
    check: (_caller, response) => expectPdfOf(a, response),
  },
  'GET /api/cases/:caseId/agreement.pdf of case B': {
    request: () => ({ path: `/api/cases/${b.caseId}/agreement.pdf` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), ...each(CASE_A_LINKS, NOT_FOUND), partyOfB: OK, committeeA: NOT_FOUND, committeeB: OK },
    check: (_caller, response) => expectPdfOf(b, response),
  },
  'GET /api/cases/:caseId/agreement.pdf of a case that does not exist': {
    request: () => ({ path: `/api/cases/${randomUUID()}/agreement.pdf` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), ...each([...CASE_A_LINKS, 'partyOfB', 'committeeA', 'committeeB'], NOT_FOUND) },
  },
  'POST /api/verify': {
    request: async () => ({ method: 'POST', path: '/api/verify', pdf: await issuedPdf(a) }),
    replies: everyoneGets(OK),
    check: (_caller, response) => expectAuthentic(response),
  },
  'GET /api/verify/:documentNumber': {
    request: async () => ({ path: `/api/verify/${(await service.store.findIssuedAgreementOfCase(a.caseId))!.documentNumber}` }),
    replies: everyoneGets(OK),
    check: (_caller, response) => expectAuthentic(response),
  },
  // The link is its own credential: what else the caller holds changes nothing.
  'POST /api/join-link/check': {
    request: () => ({ method: 'POST', path: '/api/join-link/check', json: { token: linkToken(a, Role.applicant), roomId: a.created.roomId } }),
    replies: everyoneGets(OK),
    check: async (_caller, response) => expect(await response.json()).toMatchObject({ role: Role.applicant }),
  },
  'GET /healthz': {
    request: () => ({ path: '/healthz' }),
    replies: everyoneGets(OK),
  },
  'GET /api/cases/:caseId/record-check of case A': {
    request: () => ({ path: `/api/cases/${a.caseId}/record-check` }),
    replies: { ...everyoneGets(UNAUTHENTICATED), committeeA: OK, committeeB: NOT_FOUND },
    check: async (_caller, response) => expect(await response.json()).toMatchObject({ valid: true }),
  },
  // For the operator only: with no METRICS_TOKEN configured, nobody gets it on this port.
  'GET /metrics': {
    request: () => ({ path: '/metrics' }),
    replies: everyoneGets(NOT_FOUND),
  },
};

describe('REST routes, by caller', () => {
  // Each caller from an address of its own, as different people are: sign-in attempts are
  // throttled per address.
  const addressOf = (caller: RestCaller) => `10.0.0.${Object.keys(REST_CALLERS).indexOf(caller) + 1}`;

  beforeAll(() => a.issued());

  for (const [route, rule] of Object.entries(REST_RULES)) {
    describe(route, () => {
      for (const caller of Object.keys(REST_CALLERS) as RestCaller[]) {
        const reply = rule.replies[caller];
        it(`${REST_CALLERS[caller]} gets ${reply.status}${reply.code ? ` ${reply.code}` : ''}`, async () => {
          const { method = 'GET', path, json, pdf, sessionToken } = await rule.request(caller);
          const credentials = sessionToken ? { cookie: `${SESSION_COOKIE}=${sessionToken}` } : credentialsOf(caller);
          const headers: Record<string, string> = { ...credentials, 'x-forwarded-for': addressOf(caller) };
          if (json !== undefined) headers['content-type'] = 'application/json';
          if (pdf) headers['content-type'] = 'application/pdf';
          const response = await fetch(`${service.url}${path}`, {
            method,
            headers,
            body: json !== undefined ? JSON.stringify(json) : pdf ? Buffer.from(pdf) : undefined,
          });
          const got: Reply = response.ok ? { status: response.status } : { status: response.status, code: ((await response.json()) as { code: ErrorCode }).code };
          expect(got).toEqual(reply);
          if (response.ok) await rule.check?.(caller, response);
        });
      }
    });
  }
});
