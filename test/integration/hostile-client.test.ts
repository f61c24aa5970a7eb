import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  base64Length,
  ClientEvent,
  DraftDocument,
  ErrorCode,
  MAX_AWARENESS_CLIENTS_PER_SENDER,
  MAX_AWARENESS_STATE_BYTES,
  MAX_DRAFT_MESSAGE_BYTES,
  NOTES_FIELD,
  Role,
  toBase64,
  type CreatedCase,
} from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { DraftingParticipant, insertionUpdate, notesPlainText } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/* What an outside tester sent to take the service down or to pass as someone else. */

let service: TestService;
let created: CreatedCase;
let mediator: DraftingParticipant;
let observer: DraftingParticipant;
let applicant: DraftingParticipant;

beforeAll(async () => {
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  created = await createTestCase(service, [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Observer O', role: Role.observer },
  ]);
  mediator = await DraftingParticipant.join(service.url, linkOf(created, Role.mediator), created.roomId);
  applicant = await DraftingParticipant.join(service.url, linkOf(created, Role.applicant), created.roomId);
  observer = await DraftingParticipant.join(service.url, linkOf(created, Role.observer), created.roomId);
  await mediator.headless.request(ClientEvent.setPartyEditing, { allowed: true });
  for (const person of [mediator, applicant, observer]) await person.open(DraftDocument.notes);
});
afterAll(async () => {
  for (const person of [mediator, applicant, observer]) person.close();
  await service.stop();
});

/** A y-protocols awareness update naming one client, as any client could forge it. */
function awarenessUpdate(clientId: number, clock: number, state: unknown): string {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return toBase64(encoding.toUint8Array(encoder));
}

const sendAwareness = (person: DraftingParticipant, update: string) =>
  person.headless.send(ClientEvent.draftAwareness, { document: DraftDocument.notes, update });

describe('a hostile client', () => {
  it('cannot take the process down with a numeric event name, with or without an acknowledgement', async () => {
    const engine = (observer.headless.socket as unknown as { io: { engine: { write(packet: string): void } } }).io.engine;
    // On the wire `421[1.5,{}]` and `42[7,{}]`: the engine adds the message type, 4.
    engine.write('21[1.5,{}]');
    engine.write('2[7,{}]');
    const numeric = await (observer.headless.socket as unknown as { timeout(ms: number): { emitWithAck(e: unknown, p: unknown): Promise<unknown> } })
      .timeout(5_000)
      .emitWithAck(421, {});
    expect(numeric).toMatchObject({ ok: false, error: { code: ErrorCode.unknownEvent } });
    expect(observer.headless.socket.connected).toBe(true);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect(await mediator.headless.send(ClientEvent.listVersions, {})).toMatchObject({ ok: true });
  });

  it('gets a clear refusal for an update over the size limit, and keeps its connection', async () => {
    const oversized = 'A'.repeat(base64Length(MAX_DRAFT_MESSAGE_BYTES) + 4096);
    const answer = await applicant.headless.send(ClientEvent.draftSync, { document: DraftDocument.notes, message: oversized });
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.validationFailed } });
    expect(applicant.headless.socket.connected).toBe(true);
  });

  it('cannot set, move or remove someone else’s caret', async () => {
    const victim = mediator.providers.get(DraftDocument.notes)!;
    victim.awareness.setLocalStateField('user', { name: linkOf(created, Role.mediator).displayName, color: '#123456' });
    const victimId = victim.doc.clientID;
    const observed = applicant.providers.get(DraftDocument.notes)!.awareness;
    await waitUntil(() => observed.getStates().get(victimId)?.user?.color === '#123456');

    const clock = 1_000_000;
    expect(await sendAwareness(observer, awarenessUpdate(victimId, clock, { user: { name: 'Observer O', color: '#ff0000' } }))).toMatchObject({
      ok: false,
      error: { code: ErrorCode.forbidden },
    });
    expect(await sendAwareness(observer, awarenessUpdate(victimId, clock, null))).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
    // Its own id, with the victim's name.
    const own = observer.providers.get(DraftDocument.notes)!.doc.clientID;
    const impostor = { user: { name: linkOf(created, Role.mediator).displayName, color: '#ff0000' } };
    expect(await sendAwareness(observer, awarenessUpdate(own, clock, impostor))).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    await mediator.headless.send(ClientEvent.listVersions, {});
    expect(observed.getStates().get(victimId)?.user).toMatchObject({ color: '#123456' });
  });

  it('cannot make the server keep large or many awareness states', async () => {
    const big = { user: { name: 'Observer O' }, padding: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) };
    expect(await sendAwareness(observer, awarenessUpdate(4_000_001, 1, big))).toMatchObject({ ok: false, error: { code: ErrorCode.draftUpdateInvalid } });

    const answers = [];
    for (let i = 0; i < MAX_AWARENESS_CLIENTS_PER_SENDER + 3; i++) {
      answers.push(await sendAwareness(observer, awarenessUpdate(5_000_000 + i, 1, { user: { name: 'Observer O' } })));
    }
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]).toMatchObject({ error: { code: ErrorCode.forbidden } });

    // A newcomer is sent a bounded set of states.
    const newcomer = await DraftingParticipant.join(service.url, linkOf(created, Role.applicant), created.roomId);
    try {
      const provider = await newcomer.open(DraftDocument.notes);
      await waitUntil(() => provider.awareness.getStates().size > 1);
      expect(provider.awareness.getStates().size).toBeLessThanOrEqual(1 + 3 * MAX_AWARENESS_CLIENTS_PER_SENDER);
    } finally {
      newcomer.close();
    }
    applicant = await DraftingParticipant.join(service.url, linkOf(created, Role.applicant), created.roomId);
    await applicant.open(DraftDocument.notes);
  });

  it('gets an update that would not integrate refused, stored nowhere and sent to no one, and editing goes on', async () => {
    const stored = async () => (await service.store.loadDocument(created.caseId, DraftDocument.notes)).updates.length;
    const before = await stored();
    const received = observer.received.length;

    // The second of two changes, without the first it builds on.
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(mediator.doc(DraftDocument.notes)));
    author.getXmlFragment(NOTES_FIELD).insert(0, [new Y.XmlText('first')]);
    const afterFirst = Y.encodeStateVector(author);
    (author.getXmlFragment(NOTES_FIELD).get(0) as Y.XmlText).insert(5, ' second');
    const orphan = Y.encodeStateAsUpdate(author, afterFirst);

    expect(await mediator.sendUpdate(DraftDocument.notes, orphan)).toMatchObject({ ok: false, error: { code: ErrorCode.draftUpdateInvalid } });
    expect(await stored()).toBe(before);

    await mediator.sendUpdate(DraftDocument.notes, insertionUpdate(applicant.doc(DraftDocument.notes), 'still editing'));
    await waitUntil(() => notesPlainText(observer.doc(DraftDocument.notes)).includes('still editing'));
    expect(observer.received.slice(received).every((push) => !JSON.stringify(push).includes('second'))).toBe(true);
    expect(notesPlainText(observer.doc(DraftDocument.notes))).not.toContain('second');
  });
});
