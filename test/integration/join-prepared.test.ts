import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, ErrorCode, Role, ServerEvent, type Ack, type CreatedCase, type PreparedPayload, type WelcomePayload } from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { DTLS_PARAMETERS, HeadlessParticipant, waitUntil, type RoomClientSocket } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * Joining without waiting: a person connects during the device check with `prepare`, gets
 * their transports and connects them, and nobody sees or sends them anything until they
 * enter; entering welcomes them with the very transports they prepared.
 */

/** A raw socket that prepared ahead; every event it receives is kept. */
class Ahead {
  readonly events: string[] = [];
  prepared: PreparedPayload | null = null;
  welcome: WelcomePayload | null = null;

  constructor(readonly socket: RoomClientSocket) {
    socket.onAny((event: string) => this.events.push(event));
    socket.on(ServerEvent.prepared, (payload) => (this.prepared = payload));
    socket.on(ServerEvent.welcome, (payload) => (this.welcome = payload));
    socket.on(ServerEvent.lobbyWaiting, (_payload, ack) => ack());
  }

  static open(service: TestService, created: CreatedCase, role: Role): Ahead {
    const auth = { token: tokenOf(linkOf(created, role).url), roomId: created.roomId, prepare: true };
    return new Ahead(io(service.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true }));
  }

  send(event: string, payload: unknown): Promise<Ack<unknown>> {
    return (this.socket as unknown as Socket).timeout(10_000).emitWithAck(event, payload);
  }
}

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service?.stop());

const auth = (created: CreatedCase, role: Role) => ({ token: tokenOf(linkOf(created, role).url), roomId: created.roomId });

describe('a person who connects ahead of joining', () => {
  it('connects their transports unseen, receives nothing of the room, and enters with the same transports', async () => {
    const created = await createTestCase(service);
    const mediator = await HeadlessParticipant.connect(service.url, auth(created, Role.mediator));
    await mediator.joinWithMedia();
    const applicantId = linkOf(created, Role.applicant).participantId;

    const ahead = Ahead.open(service, created, Role.applicant);
    await waitUntil(() => ahead.prepared !== null);
    const { recvTransport, sendTransport } = ahead.prepared!;
    expect(await ahead.send(ClientEvent.connectTransport, { transportId: recvTransport.id, dtlsParameters: DTLS_PARAMETERS })).toEqual({
      ok: true,
      data: {},
    });
    // Nothing else before entering: not the others' media, not the documents, not the chat.
    for (const [event, payload] of [
      [ClientEvent.ready, { rtpCapabilities: ahead.prepared!.routerRtpCapabilities }],
      [ClientEvent.draftSync, { document: 'notes', message: 'AAE=' }],
      [ClientEvent.listChat, {}],
    ] as const) {
      expect(((await ahead.send(event, payload)) as { error?: { code: string } }).error?.code).toBe(ErrorCode.notAdmitted);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ahead.events).toEqual([ServerEvent.prepared]);
    expect(mediator.participants.has(applicantId)).toBe(false);

    // A malformed entry is refused as such and lets nobody in.
    for (const bad of [{ devices: 'yes' }, { rtpCapabilities: 7 }, [], 'enter']) {
      expect(((await ahead.send(ClientEvent.enter, bad)) as { error?: { code: string } }).error?.code).toBe(ErrorCode.validationFailed);
    }
    expect(ahead.welcome).toBeNull();
    const rtpCapabilities = ahead.prepared!.routerRtpCapabilities;
    expect(await ahead.send(ClientEvent.enter, { rtpCapabilities })).toEqual({ ok: true, data: {} });
    await waitUntil(() => ahead.welcome !== null && mediator.participants.has(applicantId));
    expect(ahead.welcome!.recvTransport.id).toBe(recvTransport.id);
    expect(ahead.welcome!.sendTransport?.id).toBe(sendTransport?.id);
    // The mediator's microphone and camera come with the welcome; asking again brings nothing twice.
    expect(ahead.welcome!.consumers?.map((consumer) => [consumer.participantId, consumer.kind]).sort()).toEqual([
      [mediator.id, 'audio'],
      [mediator.id, 'video'],
    ]);
    expect(await ahead.send(ClientEvent.ready, { rtpCapabilities })).toEqual({ ok: true, data: { consumers: [] } });
    // Connected while preparing: connecting again is refused as a repeat, not as a stranger's transport.
    expect(((await ahead.send(ClientEvent.connectTransport, { transportId: recvTransport.id, dtlsParameters: DTLS_PARAMETERS })) as { error?: { code: string } }).error?.code).toBe(ErrorCode.conflict);
    ahead.socket.close();
    mediator.close();
  });

  it('waits in the lobby only once they enter, with the devices they name then', async () => {
    const created = await createTestCase(service, undefined, { waitingRoom: true });
    const mediator = await HeadlessParticipant.connect(service.url, auth(created, Role.mediator));
    await mediator.joinWithMedia();
    const lobby: unknown[] = [];
    mediator.socket.on(ServerEvent.lobbyState, (state) => lobby.push(state));

    const ahead = Ahead.open(service, created, Role.applicant);
    await waitUntil(() => ahead.prepared !== null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lobby).toEqual([]);

    await ahead.send(ClientEvent.enter, { devices: { camera: true, microphone: false } });
    await waitUntil(() => ahead.events.includes(ServerEvent.lobbyWaiting) && lobby.length > 0);
    const waiting = (lobby.at(-1) as { waiting: { participantId: string; devices: unknown }[] }).waiting;
    expect(waiting).toEqual([expect.objectContaining({ participantId: linkOf(created, Role.applicant).participantId, devices: { camera: true, microphone: false } })]);
    expect(ahead.welcome).toBeNull();

    await mediator.request(ClientEvent.admit, { participantId: linkOf(created, Role.applicant).participantId });
    await waitUntil(() => ahead.welcome !== null);
    expect(ahead.welcome!.recvTransport.id).toBe(ahead.prepared!.recvTransport.id);
    ahead.socket.close();
    mediator.close();
  });

  it('leaves nothing behind when they go without entering: the room they opened closes', async () => {
    const created = await createTestCase(service);
    const ahead = Ahead.open(service, created, Role.applicant);
    await waitUntil(() => ahead.prepared !== null);
    expect(service.rooms.find(created.roomId)).toBeDefined();
    ahead.socket.close();
    await waitUntil(() => service.rooms.find(created.roomId) === undefined);
  });

  it('prepares once per person: a second preparation replaces the first', async () => {
    const created = await createTestCase(service);
    const first = Ahead.open(service, created, Role.applicant);
    await waitUntil(() => first.prepared !== null);
    const second = Ahead.open(service, created, Role.applicant);
    await waitUntil(() => second.prepared !== null);
    // The first one's transports are gone.
    const refused = (await first.send(ClientEvent.connectTransport, { transportId: first.prepared!.recvTransport.id, dtlsParameters: DTLS_PARAMETERS })) as {
      error?: { code: string };
    };
    expect(refused.error?.code).toBe(ErrorCode.notFound);
    await second.send(ClientEvent.enter, {});
    await waitUntil(() => second.welcome !== null);
    expect(second.welcome!.recvTransport.id).toBe(second.prepared!.recvTransport.id);
    first.socket.close();
    second.socket.close();
  });
});
