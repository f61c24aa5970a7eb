import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, DraftDocument, Role, type CreatedCase } from '@mediation/shared';
import { linkOf } from '../support/create-test-case.js';
import { DraftingParticipant, notesPlainText } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { createCaseOverHttp } from '../support/service-process.js';
import { startCluster, type TestCluster } from '../support/start-cluster.js';

/**
 * What the nodes share goes away and comes back: a Redis restart (it keeps nothing on disk)
 * and a PostgreSQL restart (immediate, as a crash) are survived without restarting a node, and
 * nothing stored is lost.
 */

let cluster: TestCluster;
const closers: (() => void)[] = [];

beforeAll(async () => {
  cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  for (const close of closers) close();
  await cluster?.close();
});

function newCase(caseNumber: string): Promise<CreatedCase> {
  return createCaseOverHttp(cluster.balancer.url, {
    caseNumber,
    title: 'Restarts',
    category: 'other',
    waitingRoom: false,
    participants: [{ displayName: 'Applicant A', role: Role.applicant }],
  });
}

async function health(url: string): Promise<{ status: string; redis: string; store: string }> {
  return (await (await fetch(`${url}/healthz`)).json()) as { status: string; redis: string; store: string };
}

/** Two people drafting through the two nodes; resolves with what they both read once in step. */
async function draftTogether(created: CreatedCase, text: string): Promise<string> {
  const mediator = await DraftingParticipant.join(cluster.nodes[0]!.url, linkOf(created, Role.mediator), created.roomId);
  const applicant = await DraftingParticipant.join(cluster.nodes[1]!.url, linkOf(created, Role.applicant), created.roomId);
  closers.push(() => mediator.close(), () => applicant.close());
  await mediator.headless.request(ClientEvent.setPartyEditing, { allowed: true });
  await mediator.open(DraftDocument.notes);
  await applicant.open(DraftDocument.notes);
  applicant.notesText().insert(0, text);
  await waitUntil(() => notesPlainText(mediator.doc(DraftDocument.notes)).includes(text));
  await waitUntil(() => mediator.providers.get(DraftDocument.notes)!.status === 'saved' && applicant.providers.get(DraftDocument.notes)!.status === 'saved');
  const read = notesPlainText(mediator.doc(DraftDocument.notes));
  mediator.close();
  applicant.close();
  return read;
}

describe('the nodes’ shared services restarting', () => {
  it('survives a Redis restart: the nodes say so on /healthz, then announce themselves again and place new rooms', async () => {
    await cluster.redis.restart();
    for (const node of cluster.nodes) await waitUntil(async () => (await health(node.url)).redis === 'ok', 20_000);
    const created = await newCase('RESTART-REDIS');
    expect(await draftTogether(created, 'after the Redis restart')).toContain('after the Redis restart');
    expect(await cluster.homeOf(created.roomId)).toBeDefined();
  }, 60_000);

  it('survives a PostgreSQL restart: /healthz says the store is back, and what was stored before is still there', async () => {
    const before = await newCase('RESTART-PG-1');
    await draftTogether(before, 'stored before the restart');
    await cluster.postgres!.restart();
    for (const node of cluster.nodes) await waitUntil(async () => (await health(node.url)).store === 'ok', 20_000);
    // The pool's broken connections are replaced: the next requests are served.
    await waitUntil(async () => (await fetch(`${cluster.nodes[0]!.url}/api/auth/me`).catch(() => null))?.status !== 500, 20_000);
    const after = await newCase('RESTART-PG-2');
    expect(await draftTogether(after, 'after the PostgreSQL restart')).toContain('after the PostgreSQL restart');
    const reader = await DraftingParticipant.join(cluster.nodes[1]!.url, linkOf(before, Role.applicant), before.roomId);
    closers.push(() => reader.close());
    await reader.open(DraftDocument.notes);
    expect(notesPlainText(reader.doc(DraftDocument.notes))).toContain('stored before the restart');
  }, 90_000);
});
