import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  agreementText,
  canonicalAgreement,
  ClientEvent,
  DraftDocument,
  ErrorCode,
  readClauses,
  Role,
  ServerEvent,
  toBase64,
  type ClauseMark,
  type CreatedCase,
} from '@mediation/shared';
import { verifyAuditChain } from '../../server/src/audit/verify-audit-chain.js';
import { createTestCase } from '../support/create-test-case.js';
import { DraftingParticipant, insertionUpdate, notesPlainText } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

let service: TestService;
let created: CreatedCase;
const people: DraftingParticipant[] = [];

const linkOf = (role: string, nth = 0) => created.links.filter((l) => l.role === role)[nth]!;
async function join(role: string, nth = 0): Promise<DraftingParticipant> {
  const participant = await DraftingParticipant.join(service.url, linkOf(role, nth), created.roomId);
  people.push(participant);
  return participant;
}

beforeAll(async () => {
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  created = await createTestCase(service, [
    { displayName: '王芳', role: Role.applicant },
    { displayName: '李强', role: Role.respondent },
    { displayName: 'Observer O', role: Role.observer },
    // Newcomers that check what the server holds; each joins once (a second connection
    // of the same participant would replace the first).
    { displayName: 'Representative R', role: Role.representative },
    { displayName: 'Interpreter I', role: Role.interpreter },
    { displayName: 'Observer P', role: Role.observer },
  ]);
});
afterAll(async () => {
  for (const participant of people) participant.close();
  await service.stop();
});

describe('live drafting', () => {
  let mediator: DraftingParticipant;
  let applicant: DraftingParticipant;
  let respondent: DraftingParticipant;
  let observer: DraftingParticipant;

  beforeAll(async () => {
    [mediator, applicant, respondent, observer] = await Promise.all([
      join(Role.mediator),
      join(Role.applicant),
      join(Role.respondent),
      join(Role.observer),
    ]);
    await Promise.all([mediator, applicant, respondent, observer].map((p) => p.open(DraftDocument.notes)));
  });

  it('concurrent random inserts and deletes from several clients converge to the same text everywhere', async () => {
    await mediator.headless.request(ClientEvent.setPartyEditing, { allowed: true });
    await waitUntil(() => applicant.received.some((r) => r.event === ServerEvent.draftingState));
    mediator.notesText();
    const editors = [mediator, applicant, respondent];
    await waitUntil(() => editors.every((e) => e.doc('notes').getXmlFragment('notes').length === 1));

    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    await Promise.all(
      editors.map(async (editor, index) => {
        for (let op = 0; op < 120; op++) {
          const text = editor.notesText();
          if (text.length > 5 && random(3) === 0) text.delete(random(text.length - 2), 1 + random(2));
          else text.insert(random(text.length + 1), `${'abc'[index]}${op % 10}`);
          if (op % 8 === 0) await new Promise((resolve) => setTimeout(resolve, random(4)));
        }
      }),
    );

    const everyone = [mediator, applicant, respondent, observer];
    await waitUntil(() => {
      const texts = everyone.map((p) => notesPlainText(p.doc('notes')));
      return texts.every((t) => t === texts[0]) && everyone.every((p) => p.providers.get('notes')!.status === 'saved');
    }, 20_000);
    expect(notesPlainText(mediator.doc('notes')).length).toBeGreaterThan(100);

    // A newcomer loads what the server holds: the same text.
    const late = await join(Role.representative);
    await late.open(DraftDocument.notes);
    expect(notesPlainText(late.doc('notes'))).toBe(notesPlainText(mediator.doc('notes')));
    late.close();
  });

  it('refuses an update from the observer and from a party while parties may not edit, and forwards it to no one', async () => {
    await mediator.headless.request(ClientEvent.setPartyEditing, { allowed: false });
    await waitUntil(() => applicant.providers.get('notes') !== undefined);

    const fromObserver = await observer.sendUpdate('notes', insertionUpdate(observer.doc('notes'), 'OBSERVER-WROTE-THIS'));
    expect(fromObserver).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
    const fromParty = await applicant.sendUpdate('notes', insertionUpdate(applicant.doc('notes'), 'PARTY-WROTE-THIS'));
    expect(fromParty).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    // The mediator's edit after the refusals reaches everyone; the refused ones were never sent before it.
    mediator.notesText().insert(0, 'MEDIATOR-AFTER ');
    const others = [applicant, respondent, observer];
    await waitUntil(() => others.every((p) => notesPlainText(p.doc('notes')).includes('MEDIATOR-AFTER')));
    for (const participant of [mediator, ...others]) {
      expect(notesPlainText(participant.doc('notes'))).not.toMatch(/OBSERVER-WROTE-THIS|PARTY-WROTE-THIS/);
    }
    const late = await join(Role.interpreter);
    await late.open(DraftDocument.notes);
    expect(notesPlainText(late.doc('notes'))).not.toMatch(/OBSERVER-WROTE-THIS|PARTY-WROTE-THIS/);
    late.close();
  });

  it('accepts a read-only participant’s sync answer that changes nothing', async () => {
    const late = await join(Role.observer, 1);
    await late.open(DraftDocument.notes);
    await waitUntil(() => late.providers.get('notes')!.status === 'saved');
    expect(late.errors).toEqual([]);
    late.close();
  });

  it('never sends the mediator’s private notes to a party', async () => {
    const refused = await applicant.headless.send(ClientEvent.draftSync, {
      document: DraftDocument.privateNotes,
      message: toBase64(new Uint8Array([0, 0])),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    await mediator.open(DraftDocument.privateNotes);
    mediator.notesText(DraftDocument.privateNotes).insert(0, 'only for me');
    await waitUntil(() => mediator.providers.get('private-notes')!.status === 'saved');
    mediator.notesText().insert(0, 'SHARED-MARKER ');
    await waitUntil(() => applicant.received.length > 0 && notesPlainText(applicant.doc('notes')).includes('SHARED-MARKER'));

    for (const party of [applicant, respondent, observer]) {
      expect(party.received.filter((r) => r.document === DraftDocument.privateNotes)).toEqual([]);
    }
  });

  it('fills the agreement from a template; parties mark clauses, which everyone sees and the audit log records', async () => {
    const agreementOf = await Promise.all([mediator, applicant, respondent].map((p) => p.open(DraftDocument.agreement)));
    const refused = await applicant.headless.send(ClientEvent.startAgreement, { category: 'neighbourhood', language: 'zh-CN' });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    await mediator.headless.request(ClientEvent.startAgreement, { category: 'neighbourhood', language: 'zh-CN' });
    await waitUntil(() => agreementOf.every((p) => readClauses(p.doc).length === 2));
    const text = agreementText(canonicalAgreement(respondent.doc('agreement')));
    expect(text).toContain('申请人王芳与被申请人李强');
    expect(text).toContain('人民调解协议书');

    const clauseId = readClauses(applicant.doc('agreement'))[0]!.id;
    const marks: ClauseMark[] = [];
    respondent.headless.socket.on(ServerEvent.clauseMarked, (mark) => marks.push(mark));
    const mark = await applicant.headless.request(ClientEvent.markClause, { clauseId, mark: 'object', comment: '金额太低' });
    expect(mark).toMatchObject({ clauseId, mark: 'object', comment: '金额太低', participantName: '王芳' });
    await waitUntil(() => marks.length === 1);
    expect(marks[0]!.clauseHash).toBe(mark.clauseHash);

    const byMediator = await mediator.headless.send(ClientEvent.markClause, { clauseId, mark: 'agree' });
    expect(byMediator).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
    const unknownClause = await respondent.headless.send(ClientEvent.markClause, { clauseId: 'no-such-clause', mark: 'agree' });
    expect(unknownClause).toMatchObject({ ok: false, error: { code: ErrorCode.notFound } });

    const audit = await service.store.listAudit(created.caseId);
    expect(verifyAuditChain(audit)).toMatchObject({ valid: true });
    const joined = audit.filter((e) => e.type === 'session.joined').map((e) => e.actor.participantId);
    expect(joined).toEqual(expect.arrayContaining([mediator, applicant, respondent, observer].map((p) => p.headless.id)));
    expect(audit.map((e) => e.type).filter((type) => !type.startsWith('session.') && !type.startsWith('case.'))).toEqual([
      'drafting.party-editing-changed',
      'drafting.party-editing-changed',
      'agreement.started-from-template',
      'agreement.clause-marked',
    ]);
  });

  it('saves named versions that anyone can list and read, and only the mediator can save', async () => {
    const refused = await applicant.headless.send(ClientEvent.saveVersion, { name: 'mine' });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    const first = await mediator.headless.request(ClientEvent.saveVersion, { name: '初稿' });
    const clause = readClauses(mediator.doc('agreement'))[0]!;
    ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, '经协商，');
    await waitUntil(() => mediator.providers.get('agreement')!.status === 'saved');
    const second = await mediator.headless.request(ClientEvent.saveVersion, { name: '修改稿' });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(second.hash).not.toBe(first.hash);

    const { versions } = await respondent.headless.request(ClientEvent.listVersions, {});
    expect(versions.map((v) => v.name)).toEqual(['初稿', '修改稿']);
    const detail = await respondent.headless.request(ClientEvent.getVersion, { versionId: second.id });
    expect(detail.text).toContain('第1条 经协商，');
    expect(detail.version.hash).toBe(second.hash);
    const missing = await respondent.headless.send(ClientEvent.getVersion, { versionId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: ErrorCode.notFound } });
  });

  it('shows each editor’s caret to the others and removes it when they leave', async () => {
    const seen = respondent.providers.get('notes')!.awareness;
    const caretOf = (name: string) => [...seen.getStates().values()].some((state) => state.user?.name === name);
    const leaving = await join(Role.representative);
    const provider = await leaving.open(DraftDocument.notes);
    provider.awareness.setLocalStateField('user', { name: 'Representative R', color: '#0a7' });
    await waitUntil(() => caretOf('Representative R'));
    leaving.close();
    await waitUntil(() => !caretOf('Representative R'));
  });

  it('refuses a caret that carries someone else’s name, and shows it to no one', async () => {
    const impostor = new awarenessProtocol.Awareness(new Y.Doc());
    impostor.setLocalStateField('user', { name: '陈明 Chen Ming', color: '#000' });
    const update = awarenessProtocol.encodeAwarenessUpdate(impostor, [impostor.clientID]);
    const answer = await observer.headless.send(ClientEvent.draftAwareness, { document: 'notes', update: toBase64(update) });
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
    expect(respondent.providers.get('notes')!.awareness.getStates().has(impostor.clientID)).toBe(false);
    impostor.destroy();
  });

  it('answers bytes that are not y-protocols messages with DRAFT_UPDATE_INVALID and keeps serving', async () => {
    for (const message of [new Uint8Array([9]), new Uint8Array([2, 200, 1, 2]), new Uint8Array([0, 5, 1])]) {
      const answer = await mediator.headless.send(ClientEvent.draftSync, { document: 'notes', message: toBase64(message) });
      expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.draftUpdateInvalid } });
    }
    const badAwareness = await mediator.headless.send(ClientEvent.draftAwareness, { document: 'notes', update: toBase64(new Uint8Array([7, 7])) });
    expect(badAwareness).toMatchObject({ ok: false, error: { code: ErrorCode.draftUpdateInvalid } });
    mediator.notesText().insert(0, 'STILL-SERVING ');
    await waitUntil(() => notesPlainText(respondent.doc('notes')).includes('STILL-SERVING'));
  });
  it('refuses a push from the observer, or of anything but an update, with draft:refused, and forwards it to no one', async () => {
    observer.pushUpdate('notes', insertionUpdate(observer.doc('notes'), 'OBSERVER-PUSHED'));
    mediator.headless.socket.emit(ClientEvent.draftPush, { document: 'notes', message: toBase64(new Uint8Array([0, 1, 0])) });
    (mediator.headless.socket as unknown as Socket).emit(ClientEvent.draftPush, { document: 'minutes', message: 'AA==' });
    await waitUntil(() => observer.refusals.length === 1 && mediator.refusals.length === 2);
    expect(observer.refusals).toMatchObject([{ document: 'notes', error: { code: ErrorCode.forbidden } }]);
    // The payload that fails validation is answered before the other has been read.
    expect(mediator.refusals).toHaveLength(2);
    expect(mediator.refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ document: 'notes', error: expect.objectContaining({ code: ErrorCode.draftUpdateInvalid }) }),
        expect.objectContaining({ document: null, error: expect.objectContaining({ code: ErrorCode.validationFailed }) }),
      ]),
    );
    // The mediator's notes provider shares the connection: it reports the refusal on its document.
    expect(mediator.errors.splice(0)).toEqual([ErrorCode.draftUpdateInvalid]);

    mediator.notesText().insert(0, 'AFTER-PUSHES ');
    await waitUntil(() => [applicant, respondent, observer].every((p) => notesPlainText(p.doc('notes')).includes('AFTER-PUSHES')));
    for (const participant of [mediator, applicant, respondent, observer]) {
      expect(notesPlainText(participant.doc('notes'))).not.toContain('OBSERVER-PUSHED');
    }
  });

  it('acknowledges a sync only once every push before it is stored, and forwards the pushes to the others', async () => {
    const refusedBefore = mediator.refusals.length;
    const empty = new Y.Doc();
    const tokens = Array.from({ length: 20 }, (_, n) => `PUSHED-${n}.`);
    // A slow disk: each change takes 50 ms to store.
    const append = service.store.appendDocumentUpdate;
    service.store.appendDocumentUpdate = (...args) => new Promise((resolve) => setTimeout(resolve, 50)).then(() => append(...args));
    try {
      for (const token of tokens) mediator.pushUpdate('notes', insertionUpdate(empty, token));
      expect(await mediator.confirm('notes')).toMatchObject({ ok: true });
    } finally {
      service.store.appendDocumentUpdate = append;
    }

    // What the store holds the moment the confirmation arrives.
    const stored = await service.store.loadDocument(created.caseId, 'notes');
    const copy = new Y.Doc();
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(copy, update);
    expect(tokens.filter((token) => !notesPlainText(copy).includes(token))).toEqual([]);
    await waitUntil(() => tokens.every((token) => notesPlainText(respondent.doc('notes')).includes(token)));
    expect(mediator.refusals.length).toBe(refusedBefore);
  });

  it('sends a typist’s changes at once, asks for an acknowledgement at most every 2 s, and shows them saved once typing pauses', async () => {
    const socket = mediator.headless.socket as unknown as Socket;
    const sent: { event: string; document: string }[] = [];
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string, ...args: unknown[]) => {
      sent.push({ event, document: (args[0] as { document: string }).document });
      return emit(event, ...args);
    }) as typeof socket.emit;
    const provider = mediator.providers.get('notes')!;
    for (let n = 0; n < 30; n++) {
      mediator.notesText().insert(0, `K${n}`);
      const before = notesPlainText(respondent.doc('notes'));
      await waitUntil(() => notesPlainText(respondent.doc('notes')) !== before);
    }
    const whileTyping = sent.filter((s) => s.document === 'notes');
    expect(provider.status).toBe('saving');
    await waitUntil(() => provider.status === 'saved');
    socket.emit = emit;

    const syncs = whileTyping.filter((s) => s.event === ClientEvent.draftSync).length;
    const pushes = whileTyping.filter((s) => s.event === ClientEvent.draftPush).length;
    expect(syncs + pushes).toBe(30);
    expect(pushes).toBeGreaterThan(syncs);
    // Saved only after one more acknowledged sync: the empty update sent once typing paused.
    expect(sent.filter((s) => s.document === 'notes').length).toBe(31);
    expect(sent.at(-1)!.event).toBe(ClientEvent.draftSync);
    expect(mediator.errors).toEqual([]);
  });
});

describe('when the room empties', () => {
  it('releases the case’s documents from memory, compacted into one snapshot each', async () => {
    expect(service.drafting.size).toBe(1);
    for (const participant of people) participant.close();
    await waitUntil(() => service.drafting.size === 0);
    await waitUntil(async () => (await service.store.loadDocument(created.caseId, DraftDocument.notes)).updates.length === 0);
    const stored = await service.store.loadDocument(created.caseId, DraftDocument.notes);
    expect(stored.snapshot).not.toBeNull();
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot!);
    expect(notesPlainText(reloaded)).toContain('STILL-SERVING');
  });
});
