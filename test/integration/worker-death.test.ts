import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@mediation/shared';
import { createTestCase, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

describe('a media worker that dies', () => {
  it('is replaced; its rooms are told to rejoin, and new joins work', async () => {
    const created = await createTestCase(service);
    const auth = (index: number) => ({ token: tokenOf(created.links[index]!.url), roomId: created.roomId });
    const before = await HeadlessParticipant.connect(service.url, auth(1));
    await before.joinWithMedia();
    const deadPid = service.workers.workers[0]!.worker.pid;

    process.kill(deadPid, 'SIGKILL');

    await before.waitFor(() => before.closedWith !== null);
    expect(before.closedWith?.code).toBe(ErrorCode.mediaWorkerLost);
    await waitUntil(() => service.workers.workers.length === 1 && service.workers.workers[0]!.worker.pid !== deadPid);
    expect(service.rooms.list()).toHaveLength(0);

    const after = await HeadlessParticipant.connect(service.url, auth(1));
    await after.joinWithMedia();
    const other = await HeadlessParticipant.connect(service.url, auth(2));
    await other.joinWithMedia();
    await after.waitFor(() => after.consumers.size === 2);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    before.close();
    after.close();
    other.close();
  });
});
