import type { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  caucusNotesDocument,
  ClientEvent,
  ErrorCode,
  MAIN_SPACE,
  Role,
  ServerEvent,
  toBase64,
  type ChatMessage,
  type CreatedCase,
  type SpacesState,
} from '@mediation/shared';
import { openingMessage } from '../support/case-room.js';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { DraftingParticipant, insertionUpdate, notesPlainText } from '../support/drafting-participant.js';
import { HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * Private caucuses over real sockets, a real mediasoup worker and its own dump: after every
 * step no consumer crosses a space's boundary, as the server's state and the router say,
 * and every person receives exactly the tracks of the others in their space.
 */

const PEOPLE = [Role.mediator, Role.applicant, Role.respondent, Role.representative] as const;
type Person = (typeof PEOPLE)[number];

let service: TestService;
let created: CreatedCase;
const people = new Map<Person, HeadlessParticipant>();
const spacesSeen = new Map<Person, SpacesState>();
/** Every chat message each person was pushed. */
const chatSeen = new Map<Person, ChatMessage[]>();
/** Every active speaker each person was told of. */
const speakersSeen = new Map<Person, string[]>();
/** People who left the room in a random sequence and have not come back. */
const absent = new Set<Person>();
const present = () => PEOPLE.filter((role) => !absent.has(role));

const idOf = (role: Person) => linkOf(created, role).participantId;
const roleOf = (participantId: string) => PEOPLE.find((role) => idOf(role) === participantId)!;
const mediator = () => people.get(Role.mediator)!;

async function connect(role: Person): Promise<void> {
  people.get(role)?.close();
  const person = await HeadlessParticipant.connect(
    service.url,
    { token: tokenOf(linkOf(created, role).url), roomId: created.roomId },
    (event, ...args) => {
      if (event === ServerEvent.spaces) spacesSeen.set(role, args[0] as SpacesState);
      if (event === ServerEvent.chatMessage) chatSeen.set(role, [...(chatSeen.get(role) ?? []), args[0] as ChatMessage]);
      if (event === ServerEvent.activeSpeaker) speakersSeen.set(role, [...(speakersSeen.get(role) ?? []), (args[0] as { participantId: string }).participantId]);
    },
  );
  people.set(role, person);
  await person.joinWithMedia();
}

/** Where the server has each person now. */
function spaceOf(role: Person): string {
  const room = service.rooms.list()[0]!;
  const participant = room.participants.get(idOf(role))!;
  return room.infoOf(participant).space;
}

/** What each person should receive: two tracks of everyone else in their space. */
function expectedOwners(role: Person): string[] {
  return present().filter((other) => other !== role && spaceOf(other) === spaceOf(role))
    .flatMap((other) => [idOf(other), idOf(other)])
    .sort();
}

/** From the worker itself: whose producer each consumer of each receive transport carries. */
async function crossingsInRouter(): Promise<string[]> {
  const room = service.rooms.list()[0]!;
  const dump = await room.router.dump();
  const consumerToProducer = new Map(dump.mapConsumerIdProducerId.map(({ key, value }) => [key, value]));
  const producerOwner = new Map<string, string>();
  const participants = [...room.participants.values()];
  for (const participant of participants) {
    if (!participant.sendTransport) continue;
    for (const producerId of (await participant.sendTransport.dump()).producerIds) producerOwner.set(producerId, participant.id);
  }
  const crossings: string[] = [];
  for (const participant of participants) {
    for (const consumerId of (await participant.recvTransport!.dump()).consumerIds) {
      const owner = producerOwner.get(consumerToProducer.get(consumerId)!);
      if (owner && !room.sameSpace(owner, participant.id)) crossings.push(`${roleOf(participant.id)} receives ${roleOf(owner)}`);
    }
  }
  return crossings;
}

/** Waits until every person receives exactly their space's tracks; then nothing crosses, on either side's account. */
async function settled(): Promise<void> {
  await waitUntil(() =>
    present().every((role) => {
      const owners = [...people.get(role)!.consumers.values()].map((consumer) => consumer.participantId).sort();
      return JSON.stringify(owners) === JSON.stringify(expectedOwners(role));
    }),
  );
  expect(await crossingsInRouter()).toEqual([]);
}

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service, [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Respondent B', role: Role.respondent },
    { displayName: 'Representative R', role: Role.representative },
  ]);
  for (const role of PEOPLE) await connect(role);
  await settled();
});
afterAll(async () => {
  for (const person of people.values()) person.close();
  await service?.stop();
});

describe('a private caucus', () => {
  let caucusId: string;

  it('opened with the applicant, takes the mediator along: the two see each other, the others neither of them', async () => {
    ({ caucusId } = await mediator().request(ClientEvent.openCaucus, { participantIds: [idOf(Role.applicant)], name: '', stayInMain: false }));
    expect(spaceOf(Role.applicant)).toBe(caucusId);
    expect(spaceOf(Role.mediator)).toBe(caucusId);
    expect(spaceOf(Role.respondent)).toBe(MAIN_SPACE);
    await settled();
    // Everyone learns where everyone is.
    await waitUntil(() => PEOPLE.every((role) => spacesSeen.get(role)?.caucuses.some((caucus) => caucus.id === caucusId)));
  });

  it('the mediator goes back to the main room: the applicant waits alone, receiving nothing', async () => {
    await mediator().request(ClientEvent.moveToSpace, { participantId: idOf(Role.mediator), space: MAIN_SPACE });
    await settled();
    expect(people.get(Role.applicant)!.consumers.size).toBe(0);
  });

  it('a person whose connection drops comes back into their caucus, not the main room', async () => {
    await connect(Role.applicant);
    expect(people.get(Role.applicant)!.welcome.self.space).toBe(caucusId);
    await settled();
  });

  it('closed, everyone is back in the main room and receives everyone again', async () => {
    await mediator().request(ClientEvent.closeCaucus, { caucusId });
    expect(PEOPLE.map(spaceOf)).toEqual(PEOPLE.map(() => MAIN_SPACE));
    await settled();
    const types = (await service.store.listAudit(created.caseId)).map((entry) => entry.type);
    expect(types).toEqual(expect.arrayContaining(['caucus.opened', 'caucus.moved', 'caucus.closed']));
  });

  it('is the mediator’s alone: a party can neither open one nor move anyone', async () => {
    const applicant = people.get(Role.applicant)!;
    expect(await applicant.send(ClientEvent.openCaucus, { participantIds: [idOf(Role.respondent)] })).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
    expect(await applicant.send(ClientEvent.moveToSpace, { participantId: idOf(Role.applicant), space: MAIN_SPACE })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.forbidden },
    });
  });
});

describe('the chat of each space', () => {
  it('reaches only the people of the sender’s space, and each space keeps its own history', async () => {
    const { caucusId } = await mediator().request(ClientEvent.openCaucus, { participantIds: [idOf(Role.applicant)], name: 'Applicant side', stayInMain: false });
    await settled();
    const inCaucus = await people.get(Role.applicant)!.request(ClientEvent.sendChat, { text: 'I could accept 8,000 but not say it in front of them.' });
    const inMain = await people.get(Role.respondent)!.request(ClientEvent.sendChat, { text: 'Where did everyone go?' });
    expect(inCaucus.space).toBe(caucusId);
    expect(inMain.space).toBe(MAIN_SPACE);

    await waitUntil(() => (chatSeen.get(Role.mediator) ?? []).some((m) => m.id === inCaucus.id));
    await waitUntil(() => (chatSeen.get(Role.representative) ?? []).some((m) => m.id === inMain.id));
    const seenIds = (role: Person) => (chatSeen.get(role) ?? []).map((m) => m.id);
    expect(seenIds(Role.respondent)).not.toContain(inCaucus.id);
    expect(seenIds(Role.representative)).not.toContain(inCaucus.id);
    expect(seenIds(Role.applicant)).not.toContain(inMain.id);
    expect(seenIds(Role.mediator)).not.toContain(inMain.id);

    const history = async (role: Person) => (await people.get(role)!.request(ClientEvent.listChat, {})).messages.map((m) => m.id);
    expect(await history(Role.applicant)).toEqual([inCaucus.id]);
    expect(await history(Role.respondent)).toEqual([inMain.id]);
    await mediator().request(ClientEvent.closeCaucus, { caucusId });
    await settled();
    // Back in the main room, the caucus's words stay in the caucus.
    expect(await history(Role.applicant)).toEqual([inMain.id]);
  });
});

describe('the notes of each caucus', () => {
  /** A caret of `name` in a document, as a y-protocols awareness update. */
  function caret(name: string): string {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalStateField('user', { name, color: '#2a7de1' });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    awareness.destroy();
    return toBase64(update);
  }
  const nameOf = (role: Person) => linkOf(created, role).displayName;
  const codeOf = (answer: { ok: boolean; error?: { code: string } }) => (answer.ok ? 'ok' : answer.error!.code);
  /** The notes as the store holds them: everything the service accepted. */
  async function storedText(): Promise<string> {
    const stored = await service.store.loadDocument(created.caseId, notes);
    const doc = new Y.Doc();
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, update);
    return notesPlainText(doc);
  }

  let caucusId: string;
  let notes: ReturnType<typeof caucusNotesDocument>;
  const drafting = new Map<Person, DraftingParticipant>();
  const view = (role: Person) => drafting.get(role)!;

  beforeAll(async () => {
    ({ caucusId } = await mediator().request(ClientEvent.openCaucus, { participantIds: [idOf(Role.applicant)], name: 'Applicant side', stayInMain: false }));
    notes = caucusNotesDocument(caucusId);
    await settled();
    for (const role of PEOPLE) drafting.set(role, DraftingParticipant.over(people.get(role)!));
  });

  it('are edited by the caucus’s member and the mediator, who converge, carets included', async () => {
    const applicant = await view(Role.applicant).open(notes);
    const mediatorNotes = await view(Role.mediator).open(notes);
    view(Role.applicant).notesText(notes).insert(0, 'I could accept 8,000. ');
    view(Role.mediator).notesText(notes).insert(0, 'Check the repair invoice. ');
    applicant.awareness.setLocalStateField('user', { name: nameOf(Role.applicant), color: '#2a7de1' });
    const textOf = (role: Person) => notesPlainText(view(role).doc(notes));
    await waitUntil(() => textOf(Role.applicant) === textOf(Role.mediator) && textOf(Role.mediator).includes('8,000') && textOf(Role.mediator).includes('invoice'));
    await waitUntil(() => [...mediatorNotes.awareness.getStates().values()].some((state) => (state as { user?: { name?: string } }).user?.name === nameOf(Role.applicant)));
    expect(await storedText()).toBe(textOf(Role.mediator));
  });

  it('are refused to the people outside the caucus, who receive nothing of them: not a change, not a caret', async () => {
    for (const role of [Role.respondent, Role.representative] as const) {
      const outsider = view(role);
      expect(codeOf(await outsider.headless.send(ClientEvent.draftSync, { document: notes, message: openingMessage() }))).toBe(ErrorCode.forbidden);
      expect(codeOf(await outsider.sendUpdate(notes, insertionUpdate(new Y.Doc(), `written by the ${role}`)))).toBe(ErrorCode.forbidden);
      expect(codeOf(await outsider.headless.send(ClientEvent.draftAwareness, { document: notes, update: caret(nameOf(role)) }))).toBe(ErrorCode.forbidden);
      outsider.pushUpdate(notes, insertionUpdate(new Y.Doc(), `pushed by the ${role}`));
      await waitUntil(() => outsider.refusals.some((refused) => refused.document === notes));
      expect(outsider.refusals.find((refused) => refused.document === notes)?.error.code).toBe(ErrorCode.forbidden);
    }
    // A change and a caret inside the caucus after the refusals, acknowledged once sent on.
    view(Role.applicant).notesText(notes).insert(0, 'Only if paid this month. ');
    await waitUntil(() => notesPlainText(view(Role.mediator).doc(notes)).includes('this month'));
    expect((await view(Role.applicant).headless.send(ClientEvent.draftAwareness, { document: notes, update: caret(nameOf(Role.applicant)) })).ok).toBe(true);
    // Each outsider's socket has received everything sent before its own answer to this.
    for (const role of [Role.respondent, Role.representative] as const) {
      await view(role).headless.request(ClientEvent.listChat, {});
      const ofNotes = view(role).received.filter((push) => push.document === notes).map((push) => push.event);
      expect(ofNotes, `the ${role} received`).toEqual([ServerEvent.draftRefused]);
    }
    expect(notesPlainText(view(Role.mediator).doc(notes))).not.toMatch(/written by|pushed by/);
  });

  it('are named exactly: a forged name is refused as invalid, a caucus the case never had as not found', async () => {
    for (const role of [Role.mediator, Role.applicant] as const) {
      for (const forged of ['caucus:', `caucus:${caucusId}x`, 'caucus:../notes', `caucus:${caucusId.toUpperCase()}`]) {
        expect(codeOf(await view(role).headless.send(ClientEvent.draftSync, { document: forged, message: openingMessage() }))).toBe(ErrorCode.validationFailed);
      }
      const unknown = caucusNotesDocument('00000000-0000-4000-8000-000000000000');
      expect(codeOf(await view(role).headless.send(ClientEvent.draftSync, { document: unknown, message: openingMessage() }))).toBe(ErrorCode.notFound);
      expect(codeOf(await view(role).headless.send(ClientEvent.draftAwareness, { document: unknown, update: caret(nameOf(role)) }))).toBe(ErrorCode.notFound);
    }
  });

  it('closed, are kept for the mediator to read, read-only; its member no longer reads them nor receives their carets', async () => {
    const before = notesPlainText(view(Role.mediator).doc(notes));
    await mediator().request(ClientEvent.closeCaucus, { caucusId });
    await settled();

    const { caucuses } = await mediator().request(ClientEvent.listCaucusNotes, {});
    expect(caucuses.find((caucus) => caucus.caucusId === caucusId)).toMatchObject({ name: 'Applicant side', document: notes, closedAt: expect.any(String) });
    const reader = await DraftingParticipant.over(mediator()).open(notes);
    expect(notesPlainText(reader.doc)).toBe(before);
    reader.destroy();

    const applicant = view(Role.applicant);
    expect(codeOf(await applicant.headless.send(ClientEvent.draftSync, { document: notes, message: openingMessage() }))).toBe(ErrorCode.forbidden);
    expect(codeOf(await applicant.sendUpdate(notes, insertionUpdate(new Y.Doc(), 'after the close')))).toBe(ErrorCode.forbidden);
    expect(codeOf(await view(Role.mediator).sendUpdate(notes, insertionUpdate(new Y.Doc(), 'after the close')))).toBe(ErrorCode.forbidden);

    const receivedBefore = applicant.received.length;
    expect((await mediator().send(ClientEvent.draftAwareness, { document: notes, update: caret(nameOf(Role.mediator)) })).ok).toBe(true);
    await applicant.headless.request(ClientEvent.listChat, {});
    expect(applicant.received.slice(receivedBefore).filter((push) => push.document === notes)).toEqual([]);
    expect(await storedText()).toBe(before);
    expect((await service.store.listCaucuses(created.caseId)).find((caucus) => caucus.id === caucusId)?.closedAt).not.toBeNull();
  });

  afterAll(() => {
    for (const view of drafting.values()) for (const provider of view.providers.values()) provider.destroy();
  });
});

describe('random caucus sequences', () => {
  /** A small deterministic generator, so that a failing sequence can be replayed. */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  /** Sends a chat message from someone and checks it reached exactly the people of their space. */
  async function chatStaysInSpace(from: Person, text: string): Promise<void> {
    await people.get(from)!.request(ClientEvent.sendChat, { text });
    const sameSpace = present().filter((role) => role !== from && spaceOf(role) === spaceOf(from));
    await waitUntil(() => sameSpace.every((role) => (chatSeen.get(role) ?? []).some((message) => message.text === text)));
    // A moment for a stray copy to arrive where it must not.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reached = present().filter((role) => (chatSeen.get(role) ?? []).some((message) => message.text === text));
    expect(reached.sort()).toEqual(sameSpace.sort());
  }

  /**
   * Has the worker's speaker observer of every space name each microphone it hears, as it does
   * when someone speaks, and checks that each person was told only of speakers in their space.
   */
  async function speakersStayInSpace(): Promise<void> {
    const room = service.rooms.list()[0]!;
    const speakers = (room as unknown as { speakers: { observers: Map<string, Promise<EventEmitter>>; placed: Map<string, string> } }).speakers;
    const audioProducers = [...room.participants.values()].flatMap((participant) =>
      [...participant.producers.values()].filter((producer) => producer.kind === 'audio'),
    );
    for (const role of present()) speakersSeen.set(role, []);
    for (const [space, observer] of speakers.observers) {
      for (const producer of audioProducers) {
        if (speakers.placed.get(producer.id) === space) (await observer).emit('dominantspeaker', { producer });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const role of present()) {
      for (const speaker of speakersSeen.get(role) ?? []) expect(`${role} told of ${roleOf(speaker)} in ${spaceOf(roleOf(speaker))}`).toBe(`${role} told of ${roleOf(speaker)} in ${spaceOf(role)}`);
    }
    const heard = present().filter((role) => (speakersSeen.get(role) ?? []).length > 0);
    expect(heard.length).toBeGreaterThan(0);
  }

  /** SIGKILL of the room's media worker: everyone is told, a new worker replaces it, and everyone comes back. */
  async function killWorker(): Promise<void> {
    const deadPid = service.workers.workers[0]!.worker.pid;
    process.kill(deadPid, 'SIGKILL');
    await waitUntil(() => present().every((role) => people.get(role)!.closedWith !== null));
    await waitUntil(() => service.workers.workers.length === 1 && service.workers.workers[0]!.worker.pid !== deadPid);
    for (const role of present()) await connect(role);
  }

  it('opening, moving, closing, leaving, joining, reconnecting and losing the worker in any order never lets a track, a chat message or a speaker cross a space', async () => {
    const random = prng(20261202);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const steps: string[] = [];
    const parties = PEOPLE.filter((role) => role !== Role.mediator);
    for (let step = 0; step < 40; step++) {
      const caucuses = service.doors.of(created.roomId).spaces.state().caucuses;
      const action = pick(['open', 'move', 'close', 'reconnect', 'leave', 'join', 'worker'] as const);
      if (action === 'open' && caucuses.length < 3) {
        const chosen = parties.filter(() => random() < 0.5);
        const members = chosen.length > 0 ? chosen : [Role.respondent];
        await mediator().request(ClientEvent.openCaucus, { participantIds: members.map(idOf), name: '', stayInMain: random() < 0.5 });
        steps.push(`open with ${members.join('+')}`);
      } else if (action === 'move') {
        const who = pick(PEOPLE);
        const space = pick([MAIN_SPACE, ...caucuses.map((caucus) => caucus.id)]);
        await mediator().request(ClientEvent.moveToSpace, { participantId: idOf(who), space });
        steps.push(`move ${who} to ${space === MAIN_SPACE ? 'main' : 'a caucus'}`);
      } else if (action === 'close' && caucuses.length > 0) {
        await mediator().request(ClientEvent.closeCaucus, { caucusId: pick(caucuses).id });
        steps.push('close');
      } else if (action === 'leave' && absent.size < 2) {
        const who = pick(parties.filter((role) => !absent.has(role)));
        await people.get(who)!.request(ClientEvent.leave, {});
        people.get(who)!.close();
        absent.add(who);
        steps.push(`${who} leaves`);
      } else if (action === 'join' && absent.size > 0) {
        const who = pick([...absent]);
        absent.delete(who);
        await connect(who);
        steps.push(`${who} joins`);
      } else if (action === 'worker') {
        await killWorker();
        steps.push('the media worker dies');
      } else {
        const who = pick(parties.filter((role) => !absent.has(role)));
        await connect(who);
        steps.push(`reconnect ${who}`);
      }
      try {
        await settled();
        await chatStaysInSpace(pick(present()), `step ${step}`);
        await speakersStayInSpace();
      } catch (error) {
        throw new Error(`after ${steps.join(', ')}: ${String(error)}`);
      }
    }
    expect(steps.filter((step) => step === 'the media worker dies').length).toBeGreaterThan(0);
  }, 240_000);
});
