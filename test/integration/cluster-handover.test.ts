import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_QUERY_PARAMETER, Role, ServerEvent } from '@mediation/shared';
import { linkOf, tokenOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { createCaseOverHttp } from '../support/service-process.js';
import { startCluster, type TestCluster } from '../support/start-cluster.js';

/** A node stopped for a deploy (SIGTERM) hands its rooms over before it goes. */

let cluster: TestCluster;
const closers: (() => void)[] = [];

beforeAll(async () => {
  cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  for (const close of closers) close();
  await cluster?.close();
});

describe('a node stopping for a deploy', () => {
  it('hands a room over when its home node stops for a deploy: the page reconnects by itself and goes on with the other node', async () => {
    const created = await createCaseOverHttp(cluster.balancer.url, {
      caseNumber: 'HANDOVER',
      title: 'Deploy',
      category: 'other',
      waitingRoom: false,
      participants: [{ displayName: 'Applicant A', role: Role.applicant }],
    });
    // A page's socket: through the load balancer, reconnecting by itself.
    const socket = io(cluster.balancer.url, {
      auth: { token: tokenOf(linkOf(created, Role.mediator).url), roomId: created.roomId },
      query: { [ROOM_QUERY_PARAMETER]: created.roomId },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    closers.push(() => socket.close());
    let welcomes = 0;
    socket.on(ServerEvent.welcome, () => welcomes++);
    await waitUntil(() => welcomes === 1);
    const home = await cluster.homeOf(created.roomId);
    expect(home).toBeDefined();
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await cluster.stop(home!.id);
    // The stopping node closed the connection (not a refusal), so the page reconnects.
    expect(await closed).toBe('transport close');
    await waitUntil(() => welcomes === 2, 20_000);
    const other = cluster.nodes.find((node) => node.id !== home!.id)!;
    expect((await cluster.homeOf(created.roomId))?.id).toBe(other.id);
  }, 60_000);
});
