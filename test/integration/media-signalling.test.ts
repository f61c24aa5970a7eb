import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, ErrorCode, Role, ServerEvent, type CreatedCase } from '@mediation/shared';
import { signJoinToken } from '../../server/src/auth/join-token.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import { createTestCase, tokenOf } from '../support/create-test-case.js';
import { fakeRtpParameters, HeadlessParticipant, SignallingError, waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';
import { TEST_ACCOUNT_ACTOR } from '../support/store-with-case.js';

let service: TestService;
const open: HeadlessParticipant[] = [];

beforeAll(async () => {
  service = await startTestService();
});
afterEach(async () => {
  for (const participant of open.splice(0)) participant.close();
  await waitUntil(() => service.rooms.list().length === 0);
});
afterAll(() => service.stop());

async function joinAll(created: CreatedCase, count = created.links.length): Promise<HeadlessParticipant[]> {
  const participants: HeadlessParticipant[] = [];
  for (const link of created.links.slice(0, count)) {
    const participant = await HeadlessParticipant.connect(service.url, { token: tokenOf(link.url), roomId: created.roomId });
    open.push(participant);
    await participant.joinWithMedia();
    participants.push(participant);
  }
  return participants;
}

async function routerDump(roomId: string) {
  const room = service.rooms.list().find((r) => r.id === roomId);
  return room ? room.router.dump() : null;
}

describe('media signalling through the SFU', () => {

  it('a transport that lost its path gets new ICE credentials, and the media it carries stays', async () => {
    const [mediator, applicant] = await joinAll(await createTestCase(service), 2);
    const before = applicant!.welcome.recvTransport.iceParameters;
    const { iceParameters } = await applicant!.request(ClientEvent.restartIce, { transportId: applicant!.welcome.recvTransport.id });
    expect(iceParameters.usernameFragment).not.toBe(before.usernameFragment);
    expect(iceParameters.password).not.toBe(before.password);
    expect(applicant!.consumers.size).toBe(2);
    const foreign = await mediator!.send(ClientEvent.restartIce, { transportId: applicant!.welcome.recvTransport.id });
    expect(foreign).toMatchObject({ ok: false, error: { code: ErrorCode.notFound } });
  });
  it('three participants each consume the microphone and camera of both others', async () => {
    const created = await createTestCase(service);
    const [a, b, c] = await joinAll(created);
    for (const participant of [a!, b!, c!]) {
      await participant.waitFor(() => participant.consumers.size === 4);
      const producerOwners = new Set([...participant.consumers.values()].map((consumer) => consumer.participantId));
      expect(producerOwners).toEqual(new Set([a!, b!, c!].filter((p) => p !== participant).map((p) => p.id)));
      expect([...participant.consumers.values()].map((consumer) => consumer.kind).sort()).toEqual(['audio', 'audio', 'video', 'video']);
      await participant.waitFor(() => [...participant.participants.values()].every((p) => p.audio && p.video));
    }
    const room = service.rooms.list().find((r) => r.id === created.roomId)!;
    const serverConsumers = () => [...room.participants.values()].flatMap((participant) => [...participant.consumers.values()]);
    // A pushed consumer is resumed when the server receives the client's acknowledgement, which
    // may still be on its way when the client already lists it.
    await waitUntil(() => serverConsumers().every((consumer) => !consumer.paused));
    for (const participant of room.participants.values()) expect(participant.producers.size).toBe(2);
    expect(serverConsumers()).toHaveLength(12);
    const dump = await routerDump(created.roomId);
    expect(dump!.transportIds).toHaveLength(6);
    expect(dump!.mapProducerIdConsumerIds).toHaveLength(6);
    expect(dump!.mapProducerIdConsumerIds.every((entry) => entry.values.length === 2)).toBe(true);
  });

  it('DTLS parameters riding on the first produce and resume connect both transports, once', async () => {
    const created = await createTestCase(service);
    const [a, b] = await joinAll(created, 2);
    const room = service.rooms.list().find((r) => r.id === created.roomId)!;
    // The first one in had nothing to consume at `ready`: theirs rides on acknowledging b's tracks.
    for (const participant of [room.participants.get(a!.id)!, room.participants.get(b!.id)!]) {
      await waitUntil(() => participant.connectedTransportIds.size === 2);
      // Connected with the remote as DTLS client, the SFU takes the server role.
      for (const transport of [participant.sendTransport!, participant.recvTransport!]) {
        expect((await transport.dump()).dtlsParameters.role).toBe('server');
      }
    }
    const again = await a!.send(ClientEvent.connectTransport, {
      transportId: a!.welcome.sendTransport!.id,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] },
    });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.conflict } });
  });

  it('consumers are created paused and resumed only when the client asks', async () => {
    const created = await createTestCase(service);
    const [a] = await joinAll(created, 1);
    const b = await HeadlessParticipant.connect(service.url, { token: tokenOf(created.links[1]!.url), roomId: created.roomId });
    open.push(b);
    const { consumers } = await b.request(ClientEvent.ready, { rtpCapabilities: b.welcome.routerRtpCapabilities });
    expect(consumers).toHaveLength(2);
    const room = service.rooms.list().find((r) => r.id === created.roomId)!;
    const serverSide = room.participants.get(b.id)!;
    expect([...serverSide.consumers.values()].every((consumer) => consumer.paused)).toBe(true);
    await b.request(ClientEvent.resumeConsumers, { consumerIds: consumers.map((consumer) => consumer.id) });
    expect([...serverSide.consumers.values()].every((consumer) => !consumer.paused)).toBe(true);
    expect(a!.id).not.toBe(b.id);
  });

  it('a consumer pushed for a new track stays paused until the device acknowledges it, then resumes', async () => {
    const created = await createTestCase(service);
    const b = await HeadlessParticipant.connect(service.url, { token: tokenOf(created.links[1]!.url), roomId: created.roomId });
    open.push(b);
    await b.joinWithMedia();
    let acknowledge: ((attached: { consumerIds: string[] }) => void) | undefined;
    let offered: string[] = [];
    b.socket.off(ServerEvent.consumersAdded);
    b.socket.on(ServerEvent.consumersAdded, (consumers, ack) => {
      offered = consumers.map((consumer) => consumer.id);
      acknowledge = ack;
    });
    const a = await HeadlessParticipant.connect(service.url, { token: tokenOf(created.links[0]!.url), roomId: created.roomId });
    open.push(a);
    const { producerId } = await a.request(ClientEvent.produce, {
      transportId: a.welcome.sendTransport!.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: fakeRtpParameters('audio'),
    });
    await waitUntil(() => acknowledge !== undefined);
    const serverSide = service.rooms.list().find((r) => r.id === created.roomId)!.participants.get(b.id)!;
    const consumer = [...serverSide.consumers.values()].find((c) => c.producerId === producerId)!;
    expect(offered).toEqual([consumer.id]);
    expect(consumer.paused).toBe(true);
    acknowledge!({ consumerIds: offered });
    await waitUntil(() => !consumer.paused);
  });

  it('muting the microphone pauses the producer and tells the others', async () => {
    const created = await createTestCase(service);
    const [a, b] = await joinAll(created, 2);
    const microphone = a!.producers[0]!;
    await a!.request(ClientEvent.setProducerPaused, { producerId: microphone, paused: true });
    await b!.waitFor(() => b!.participants.get(a!.id)?.audio === false);
    expect(b!.participants.get(a!.id)?.video).toBe(true);
  });

  it('a participant cannot pause, close or consume what is not theirs', async () => {
    const created = await createTestCase(service);
    const [a, b] = await joinAll(created, 2);
    const othersProducer = a!.producers[0]!;
    await expect(b!.request(ClientEvent.setProducerPaused, { producerId: othersProducer, paused: true })).rejects.toMatchObject({
      body: { code: ErrorCode.notFound },
    });
    await expect(b!.request(ClientEvent.closeProducer, { producerId: othersProducer })).rejects.toMatchObject({
      body: { code: ErrorCode.notFound },
    });
    const othersConsumer = [...a!.consumers.keys()][0]!;
    await expect(b!.request(ClientEvent.resumeConsumers, { consumerIds: [othersConsumer] })).rejects.toMatchObject({
      body: { code: ErrorCode.notFound },
    });
    await expect(
      b!.request(ClientEvent.connectTransport, {
        transportId: a!.welcome.recvTransport.id,
        dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] },
      }),
    ).rejects.toMatchObject({ body: { code: ErrorCode.notFound } });
  });

  it('an observer gets no send transport and may not produce', async () => {
    const created = await createTestCase(service, [
      { displayName: 'Party', role: Role.applicant },
      { displayName: 'Watcher', role: Role.observer },
    ]);
    const [, , observer] = await joinAll(created);
    expect(observer!.welcome.sendTransport).toBeNull();
    expect(observer!.consumers.size).toBe(4);
    const ack = await observer!.send(ClientEvent.produce, {
      transportId: observer!.welcome.recvTransport.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000 }] },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
  });

  it('leaving and disconnecting leave no transport, producer or consumer behind', async () => {
    const created = await createTestCase(service);
    const [a, b, c] = await joinAll(created);
    await c!.waitFor(() => c!.consumers.size === 4);

    await a!.request(ClientEvent.leave, {});
    await waitUntil(() => !a!.socket.connected);
    await b!.waitFor(() => b!.consumers.size === 2 && !b!.participants.has(a!.id));
    let dump = await routerDump(created.roomId);
    expect(dump!.transportIds).toHaveLength(4);
    expect(dump!.mapProducerIdConsumerIds).toHaveLength(4);
    expect(dump!.mapProducerIdConsumerIds.flatMap((entry) => entry.values)).toHaveLength(4);

    b!.close();
    await c!.waitFor(() => c!.consumers.size === 0 && c!.participants.size === 0);
    dump = await routerDump(created.roomId);
    expect(dump!.transportIds).toHaveLength(2);

    c!.close();
    await waitUntil(() => service.rooms.list().length === 0);
    const workerDump = await service.workers.workers[0]!.worker.dump();
    expect(workerDump.routerIds).toHaveLength(0);
  });

  it('joins that race for a new room share one router', async () => {
    const created = await createTestCase(service);
    const participants = await Promise.all(
      created.links.map((link) => HeadlessParticipant.connect(service.url, { token: tokenOf(link.url), roomId: created.roomId })),
    );
    open.push(...participants);
    expect(service.rooms.list()).toHaveLength(1);
    expect((await service.workers.workers[0]!.worker.dump()).routerIds).toHaveLength(1);
  });

  it('a room holds at most eight participants and refuses a ninth with ROOM_FULL', async () => {
    const created = await createTestCase(
      service,
      Array.from({ length: 7 }, (_, i) => ({ displayName: `Party ${i}`, role: Role.applicant })),
    );
    const everyone = await joinAll(created);
    expect(everyone).toHaveLength(8);
    const ninth = await addParticipantToRoom(created, 'Ninth');
    const refusal = await HeadlessParticipant.connect(service.url, { token: ninth, roomId: created.roomId }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(SignallingError);
    expect((refusal as SignallingError).body.code).toBe(ErrorCode.roomFull);
    expect(service.rooms.list()[0]!.participants.size).toBe(8);
  });
});

/** A participant record added to an existing room beyond what a case may invite. */
async function addParticipantToRoom(created: CreatedCase, displayName: string): Promise<string> {
  const mediator = (await service.store.findAccountByEmail('mediator@test.example'))!;
  const now = new Date().toISOString();
  const holderCaseId = `holder-${Date.now()}`;
  const participantId = `extra-${Date.now()}`;
  const holder = { id: holderCaseId, committeeId: mediator.committeeId!, caseNumber: 'X', title: 'X', category: 'other' as const, waitingRoom: false, createdBy: mediator.id, createdAt: now };
  const extra = [{ id: participantId, sessionId: created.roomId, caseId: created.caseId, displayName, role: Role.observer, accountId: null, revokedAt: null, createdAt: now }];
  await service.store.createCase(holder, { id: `${holderCaseId}-room`, caseId: holderCaseId, createdAt: now }, extra, caseCreatedEntry(holder, extra, TEST_ACCOUNT_ACTOR));
  return signJoinToken(service.secret, { participantId, roomId: created.roomId, caseId: created.caseId, caseNumber: 'T-1', role: Role.observer, displayName }, 60);
}
