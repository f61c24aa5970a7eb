import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, clientPayloadSchemas, ErrorCode, type CreatedCase } from '@mediation/shared';
import { createTestCase, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

let service: TestService;
let created: CreatedCase;
let attacker: HeadlessParticipant;
let bystander: HeadlessParticipant;

beforeAll(async () => {
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '1000', SOCKET_EVENT_BURST: '1000' });
  created = await createTestCase(service);
  const connect = (index: number) =>
    HeadlessParticipant.connect(service.url, { token: tokenOf(created.links[index]!.url), roomId: created.roomId });
  attacker = await connect(1);
  bystander = await connect(2);
  await attacker.joinWithMedia();
  await bystander.joinWithMedia();
});
afterAll(async () => {
  attacker.close();
  bystander.close();
  await service.stop();
});

const BAD_PAYLOADS: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  { transportId: 123 },
  { producerId: '', paused: 'yes' },
  { consumerIds: [] },
  { rtpCapabilities: { codecs: 'all' } },
  { transportId: 'x'.repeat(1000), dtlsParameters: {} },
  { kind: 'smell', source: 'camera', transportId: 't', rtpParameters: { codecs: [] } },
  { __proto__: { polluted: true } },
];

describe('malformed client messages', () => {
  it.each(Object.values(ClientEvent))('every bad payload of %s gets VALIDATION_FAILED', async (event) => {
    for (const payload of BAD_PAYLOADS) {
      // A payload that arrives valid for this event (e.g. {} for leave) is not a bad one.
      const arriving = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
      if (clientPayloadSchemas[event].safeParse(arriving).success) continue;
      const ack = await attacker.send(event, payload);
      expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.validationFailed } });
      expect(JSON.stringify(ack)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('an unknown event gets UNKNOWN_EVENT, and one without an acknowledgement changes nothing', async () => {
    expect(await attacker.send('no-such-event', {})).toMatchObject({ ok: false, error: { code: ErrorCode.unknownEvent } });
    expect(await attacker.send('__proto__', {})).toMatchObject({ ok: false, error: { code: ErrorCode.unknownEvent } });
    (attacker.socket as unknown as { emit(e: string): void }).emit('no-such-event');
    (attacker.socket as unknown as { emit(e: string, p: unknown): void }).emit(ClientEvent.leave, {});
    const ack = await attacker.send(ClientEvent.setProducerPaused, { producerId: attacker.producers[0]!, paused: false });
    expect(ack).toMatchObject({ ok: true });
  });

  it('RTP parameters the SFU cannot route are refused with MEDIA_REJECTED', async () => {
    await attacker.request(ClientEvent.closeProducer, { producerId: attacker.producers[1]! });
    const ack = await attacker.send(ClientEvent.produce, {
      transportId: attacker.welcome.sendTransport!.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/NoSuchCodec', payloadType: 120, clockRate: 90000 }], encodings: [{ ssrc: 5 }] },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.mediaRejected } });
  });

  it('the server goes on serving everyone after all of it', async () => {
    expect(attacker.socket.connected).toBe(true);
    const ack = await bystander.send(ClientEvent.setProducerPaused, { producerId: bystander.producers[0]!, paused: true });
    expect(ack).toEqual({ ok: true, data: {} });
    await attacker.waitFor(() => attacker.participants.get(bystander.id)?.audio === false);
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('event rate limits', () => {
  it('a socket that floods gets RATE_LIMITED while others are served', async () => {
    const limited = await startTestService({ SOCKET_EVENTS_PER_SECOND: '5', SOCKET_EVENT_BURST: '10' });
    try {
      const room = await createTestCase(limited);
      const connect = (index: number) =>
        HeadlessParticipant.connect(limited.url, { token: tokenOf(room.links[index]!.url), roomId: room.roomId });
      const flooder = await connect(1);
      const calm = await connect(2);
      const acks = await Promise.all(
        Array.from({ length: 40 }, () => flooder.send(ClientEvent.closeProducer, { producerId: 'nope' })),
      );
      const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
      expect(codes.filter((code) => code === ErrorCode.rateLimited).length).toBeGreaterThanOrEqual(25);
      expect(codes.filter((code) => code === ErrorCode.notFound).length).toBeGreaterThanOrEqual(10);
      expect(await calm.send(ClientEvent.closeProducer, { producerId: 'nope' })).toMatchObject({
        error: { code: ErrorCode.notFound },
      });
      flooder.close();
      calm.close();
    } finally {
      await limited.stop();
    }
  });
});
