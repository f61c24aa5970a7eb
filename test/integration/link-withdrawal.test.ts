import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, Role, type CreatedCase, type JoinLink } from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, SignallingError, waitUntil } from '../support/headless-participant.js';
import { signInCookie } from '../support/fuzz/committee-session.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * The mediator withdraws a person's link from the case page and issues it anew: a withdrawn
 * link stops working at once and its holder leaves the room; a link issued anew works, and
 * every link issued before it no longer does.
 */

let service: TestService;
let created: CreatedCase;
let cookie: string;

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service);
  cookie = await signInCookie(service.url);
});
afterAll(() => service?.stop());

const join = (url: string) => HeadlessParticipant.connect(service.url, { token: tokenOf(url), roomId: created.roomId });
const post = (participantId: string, action: 'revoke' | 'reissue') =>
  fetch(`${service.url}/api/cases/${created.caseId}/participants/${participantId}/${action}`, { method: 'POST', headers: { cookie } });

describe('withdrawing and issuing a link anew', () => {
  const applicant = () => linkOf(created, Role.applicant);
  let renewed: JoinLink;

  it('withdrawn, the link stops working and the person in the room is sent out', async () => {
    const inRoom = await join(applicant().url);
    expect((await post(applicant().participantId, 'revoke')).status).toBe(204);
    await waitUntil(() => inRoom.closedWith !== null);
    expect(inRoom.closedWith?.code).toBe(ErrorCode.removed);
    await expect(join(applicant().url)).rejects.toMatchObject({ body: { code: ErrorCode.tokenRevoked } });
  });

  it('issued anew, the new link works and the withdrawn one still does not', async () => {
    const response = await post(applicant().participantId, 'reissue');
    expect(response.status).toBe(200);
    renewed = (await response.json()) as JoinLink;
    (await join(renewed.url)).close();
    await expect(join(applicant().url)).rejects.toBeInstanceOf(SignallingError);
  });

  it('issued anew again (a link that leaked), the previous new link is refused too', async () => {
    const again = (await (await post(applicant().participantId, 'reissue')).json()) as JoinLink;
    await expect(join(renewed.url)).rejects.toMatchObject({ body: { code: ErrorCode.tokenRevoked } });
    (await join(again.url)).close();
  });

  it('the mediator’s own link is not withdrawn from the case page; each step is in the audit log', async () => {
    expect((await post(linkOf(created, Role.mediator).participantId, 'revoke')).status).toBe(403);
    const types = (await service.store.listAudit(created.caseId)).map((entry) => entry.type);
    expect(types.filter((type) => type === 'participant.link-reissued')).toHaveLength(2);
    expect(types).toContain('participant.link-revoked');
  });
});
