import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, DraftDocument, Role, type CreatedCase } from '@mediation/shared';
import { linkOf, tokenOf } from '../support/create-test-case.js';
import { DraftingParticipant, notesPlainText } from '../support/drafting-participant.js';
import { HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { createCaseOverHttp } from '../support/service-process.js';
import { signWholeSession } from '../support/sign-whole-session.js';
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

function newCase(caseNumber: string): Promise<CreatedCase> {
  return createCaseOverHttp(cluster.nodes[0]!.url, {
    caseNumber,
    title: 'Across nodes',
    category: 'other',
    waitingRoom: false,
    participants: [
      { displayName: 'Applicant A', role: Role.applicant },
      { displayName: 'Respondent B', role: Role.respondent },
    ],
  });
}

interface Health {
  node: { id: string; rooms: number; consumers: number };
  redis: string;
  store: string;
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/healthz`)).json()) as Health;
}

describe('a room whose people enter through different nodes', () => {
  it('has one home node, and each person receives the others’ microphone and camera', async () => {
    const created = await newCase('CLUSTER-1');
    const people: HeadlessParticipant[] = [];
    for (const [index, role] of [Role.mediator, Role.applicant, Role.respondent].entries()) {
      const entry = cluster.nodes[index]!.url;
      const person = await HeadlessParticipant.connect(entry, { token: tokenOf(linkOf(created, role).url), roomId: created.roomId });
      closers.push(() => person.close());
      await person.joinWithMedia();
      people.push(person);
    }
    // Two others, two tracks each.
    for (const person of people) await person.waitFor(() => person.consumers.size === 4);
    const homes = await Promise.all(cluster.nodes.map((node) => health(node.url)));
    expect(homes.map((home) => home.node.rooms).sort()).toEqual([0, 0, 1]);
    // The home carries the room's twelve consumers; every node reaches Redis and PostgreSQL.
    expect(homes.map((home) => home.node.consumers).sort((a, b) => a - b)).toEqual([0, 0, 12]);
    expect(homes.every((home) => home.redis === 'ok' && home.store === 'ok')).toBe(true);
  });

  it('keeps one set of documents: changes made through different nodes converge', async () => {
    const created = await newCase('CLUSTER-2');
    const editors: DraftingParticipant[] = [];
    for (const [index, role] of [Role.mediator, Role.applicant, Role.respondent].entries()) {
      const editor = await DraftingParticipant.join(cluster.nodes[index]!.url, linkOf(created, role), created.roomId);
      closers.push(() => editor.close());
      editors.push(editor);
    }
    await editors[0]!.headless.request(ClientEvent.setPartyEditing, { allowed: true });
    for (const editor of editors) await editor.open(DraftDocument.notes);
    editors.forEach((editor, index) => editor.notesText().insert(0, `from node ${index}. `));
    const texts = () => editors.map((editor) => notesPlainText(editor.doc(DraftDocument.notes)));
    await waitUntil(() => {
      const [first, ...rest] = texts();
      return ['from node 0.', 'from node 1.', 'from node 2.'].every((part) => first!.includes(part)) && rest.every((text) => text === first);
    });
  });

  it('holds a whole session to an issued, sealed agreement that every node serves and verifies', async () => {
    const created = await newCase('CLUSTER-3');
    const documentNumber = await signWholeSession(cluster.nodes.map((node) => node.url), created);
    const mediatorLink = linkOf(created, Role.mediator);
    // Downloaded from one node, verified by another: the same records and the same seal everywhere.
    const pdf = await fetch(`${cluster.nodes[2]!.url}/api/cases/${created.caseId}/agreement.pdf`, {
      headers: { authorization: `Bearer ${tokenOf(mediatorLink.url)}` },
    });
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const verified = (await (
      await fetch(`${cluster.nodes[1]!.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes })
    ).json()) as { authentic: boolean; documentNumber?: string };
    expect(verified).toMatchObject({ authentic: true, documentNumber });
  }, 120_000);
});
