import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, ErrorCode, Role, ServerEvent, type CreatedCase, type JoinLink } from '@mediation/shared';
import { createTestCase, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, waitUntil, type RoomClientSocket } from '../support/headless-participant.js';
import { signInCookie } from '../support/fuzz/committee-session.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * A co-mediator, invited with the case, runs the room with the mediator: comes in without
 * waiting in the lobby, lets a waiting party in, and signs after the parties; their link,
 * unlike the mediator's own, can be withdrawn from the case page.
 */

let service: TestService;
let created: CreatedCase;
let cookie: string;

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(
    service,
    [
      { displayName: 'Co-mediator C', role: Role.mediator },
      { displayName: 'Applicant A', role: Role.applicant },
    ],
    { waitingRoom: true },
  );
  cookie = await signInCookie(service.url);
});
afterAll(() => service?.stop());

const linkNamed = (name: string): JoinLink => created.links.find((link) => link.displayName === name)!;
const auth = (link: JoinLink) => ({ token: tokenOf(link.url), roomId: created.roomId });

describe('a co-mediator', () => {
  it('is listed as a link of its own, not the mediator’s own', () => {
    expect(created.links.filter((link) => link.own).map((link) => link.role)).toEqual([Role.mediator]);
    expect(linkNamed('Co-mediator C')).toMatchObject({ role: Role.mediator, own: false });
  });

  it('comes in without waiting and lets a waiting party in', async () => {
    const coMediator = await HeadlessParticipant.connect(service.url, auth(linkNamed('Co-mediator C')));
    const waiting: string[] = [];
    const party: RoomClientSocket = io(service.url, { auth: auth(linkNamed('Applicant A')), transports: ['websocket'], reconnection: false, forceNew: true });
    let welcomed = false;
    party.on(ServerEvent.lobbyWaiting, (_payload, ack) => {
      waiting.push('waiting');
      ack();
    });
    party.on(ServerEvent.welcome, () => (welcomed = true));
    await waitUntil(() => waiting.length > 0);
    expect(welcomed).toBe(false);
    await coMediator.request(ClientEvent.admit, { participantId: linkNamed('Applicant A').participantId });
    await waitUntil(() => welcomed);
    party.close();
    coMediator.close();
  });

  it('signs after the parties, beside the mediator', async () => {
    const coMediator = await HeadlessParticipant.connect(service.url, auth(linkNamed('Co-mediator C')));
    const state = await coMediator.request(ClientEvent.getSigningState, {});
    expect(state.signers.map((signer) => [signer.name, signer.role])).toEqual([
      ['Applicant A', Role.applicant],
      [expect.any(String), Role.mediator],
      ['Co-mediator C', Role.mediator],
    ]);
    coMediator.close();
  });

  it('can have their link withdrawn, unlike the mediator’s own', async () => {
    const post = (participantId: string) =>
      fetch(`${service.url}/api/cases/${created.caseId}/participants/${participantId}/revoke`, { method: 'POST', headers: { cookie } });
    const own = created.links.find((link) => link.own)!;
    const refused = await post(own.participantId);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe(ErrorCode.forbidden);
    expect((await post(linkNamed('Co-mediator C').participantId)).status).toBe(204);
  });
});
