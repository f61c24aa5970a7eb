import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, DraftDocument, NOTES_FIELD, ROOM_QUERY_PARAMETER, Role, ServerEvent, type ClientEventName, type CreatedCase, type SigningState } from '@mediation/shared';
import { DraftProvider } from '../../client/src/drafting/draft-provider.js';
import type { RoomSocket } from '../../client/src/room/room-socket.js';
import { linkOf, tokenOf } from '../support/create-test-case.js';
import { notesPlainText } from '../support/drafting-participant.js';
import { FREEZE_ANYWAY } from '../support/freeze-anyway.js';
import { waitUntil } from '../support/headless-participant.js';
import { TestSigner } from '../support/test-signer.js';
import { createCaseOverHttp } from '../support/service-process.js';
import { startCluster, type TestCluster } from '../support/start-cluster.js';

let cluster: TestCluster;
const closers: (() => void)[] = [];

beforeAll(async () => {
  cluster = await startCluster(3);
}, 120_000);

afterAll(async () => {
  for (const close of closers) close();
  await cluster?.close();
});

interface Editor {
  socket: RoomSocket;
  notes: DraftProvider;
  welcomes: number;
  signing: SigningState | undefined;
}

/** A person's page as the browser keeps it: one socket through the load balancer, reconnecting by itself. */
function openEditor(created: CreatedCase, role: Role): Editor {
  const socket = io(cluster.balancer.url, {
    auth: { token: tokenOf(linkOf(created, role).url), roomId: created.roomId },
    query: { [ROOM_QUERY_PARAMETER]: created.roomId },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  }) as unknown as RoomSocket;
  const editor: Editor = { socket, notes: new DraftProvider(socket, DraftDocument.notes), welcomes: 0, signing: undefined };
  socket.on(ServerEvent.welcome, () => editor.welcomes++);
  socket.on(ServerEvent.signingState, (state) => (editor.signing = state));
  closers.push(() => {
    editor.notes.destroy();
    socket.close();
  });
  return editor;
}

/** Asks the server over the person's socket; the answer's data, or the refusal as an error. */
async function ask(editor: Editor, event: ClientEventName, payload: unknown): Promise<unknown> {
  const answer = (await (editor.socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }> }).emitWithAck(event, payload));
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error?.code}`);
  return answer.data;
}

function type(editor: Editor, text: string): void {
  const fragment = editor.notes.doc.getXmlFragment(NOTES_FIELD);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}


describe('a room whose home node is killed in the middle of drafting', () => {
  it('comes back on another node with every acknowledged change, and what was typed meanwhile merges', async () => {
    const created = await createCaseOverHttp(cluster.nodes[0]!.url, {
      caseNumber: 'FAILOVER-1',
      title: 'Failover',
      category: 'other',
      waitingRoom: false,
      participants: [
        { displayName: 'Applicant A', role: Role.applicant },
        { displayName: 'Respondent B', role: Role.respondent },
      ],
    });
    const mediator = openEditor(created, Role.mediator);
    await mediator.notes.whenSynced();
    const allowed = await mediator.socket.emitWithAck(ClientEvent.setPartyEditing, { allowed: true });
    expect(allowed.ok).toBe(true);
    const applicant = openEditor(created, Role.applicant);
    const respondent = openEditor(created, Role.respondent);
    const editors = [mediator, applicant, respondent];
    for (const editor of editors) await editor.notes.whenSynced();

    // The mediator types on and on; what the server had acknowledged when it died is noted.
    let typing = true;
    let typed = 0;
    const keepTyping = (async () => {
      while (typing) {
        type(mediator, `M${typed++}.`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await waitUntil(() => typed > 30 && mediator.notes.status === 'saved', 20_000);
    const acknowledged = notesPlainText(mediator.notes.doc);
    const home = await cluster.homeOf(created.roomId);
    expect(home).toBeDefined();

    await cluster.kill(home!.id);
    const killedAt = Date.now();
    type(applicant, 'TYPED-WHILE-THE-HOME-WAS-DOWN');
    await new Promise((resolve) => setTimeout(resolve, 300));
    typing = false;
    await keepTyping;

    await waitUntil(async () => ![undefined, home!.id].includes((await cluster.homeOf(created.roomId))?.id), 20_000);
    await waitUntil(() => editors.every((editor) => editor.notes.status === 'saved' && editor.welcomes >= 2), 30_000);
    const back = Date.now() - killedAt;
    const texts = editors.map((editor) => notesPlainText(editor.notes.doc));
    await waitUntil(() => new Set(editors.map((editor) => notesPlainText(editor.notes.doc))).size === 1, 10_000);
    const text = notesPlainText(mediator.notes.doc);
    // Every paragraph acknowledged before the kill is there, in the same order.
    const paragraphs = (body: string) => body.match(/M\d+\./gu) ?? [];
    expect(paragraphs(text).slice(0, paragraphs(acknowledged).length)).toEqual(paragraphs(acknowledged));
    expect(text).toContain('TYPED-WHILE-THE-HOME-WAS-DOWN');
    expect(texts.length).toBe(3);
    // Within the lease, a reconnection and a resync.
    expect(back).toBeLessThan(30_000);
  }, 120_000);

  it('comes back on another node in the middle of signing, with the signature given before, and the agreement is issued', async () => {
    // Through the load balancer: the node the first test killed is passed over.
    const created = await createCaseOverHttp(cluster.balancer.url, {
      caseNumber: 'FAILOVER-2',
      title: 'Failover while signing',
      category: 'neighbourhood',
      waitingRoom: false,
      participants: [
        { displayName: 'Applicant A', role: Role.applicant },
        { displayName: 'Respondent B', role: Role.respondent },
      ],
    });
    const mediator = openEditor(created, Role.mediator);
    const applicant = openEditor(created, Role.applicant);
    const respondent = openEditor(created, Role.respondent);
    const editors = [mediator, applicant, respondent];
    for (const editor of editors) await editor.notes.whenSynced();
    const agreement = new DraftProvider(mediator.socket, DraftDocument.agreement);
    closers.push(() => agreement.destroy());
    await agreement.whenSynced();
    await ask(mediator, ClientEvent.startAgreement, { category: 'neighbourhood', language: 'zh-CN' });
    for (const [n, role] of [Role.applicant, Role.respondent].entries()) {
      const party = linkOf(created, role);
      await ask(mediator, ClientEvent.attestIdentity, { participantId: party.participantId, documentType: 'resident-id-card', numberLastDigits: `${1000 + n}` });
    }
    const frozen = await ask(mediator, ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const sign = async (editor: Editor, role: Role) => {
      const link = linkOf(created, role);
      await ask(editor, ClientEvent.consent, frozen);
      const signer = await TestSigner.create();
      await ask(editor, ClientEvent.sign, await signer.request(created.caseId, frozen as never, { participantId: link.participantId, name: link.displayName, role }));
    };
    await sign(applicant, Role.applicant);

    const home = await cluster.homeOf(created.roomId);
    expect(home).toBeDefined();
    await cluster.kill(home!.id);
    await waitUntil(() => editors.every((editor) => editor.welcomes >= 2), 30_000);
    // On the new home: the applicant's signature is still there, the others sign, and the agreement is issued.
    await sign(respondent, Role.respondent);
    await sign(mediator, Role.mediator);
    await waitUntil(() => editors.every((editor) => Boolean(editor.signing?.issued)), 30_000);
    expect(new Set(editors.map((editor) => editor.signing!.issued!.documentNumber)).size).toBe(1);
    const newHome = await cluster.homeOf(created.roomId);
    expect(newHome?.id).not.toBe(home!.id);
    expect(newHome).toBeDefined();
  }, 120_000);
});
