import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { types } from 'mediasoup';
import {
  ClientEvent,
  ErrorCode,
  Role,
  ServerEvent,
  type AudioOnlyPush,
  type ConnectionQualityPush,
  type CreatedCase,
} from '@mediation/shared';
import { AUDIO_ONLY_AFTER_MS } from '../../server/src/rooms/low-bandwidth-watch.js';
import type { Room } from '../../server/src/rooms/room.js';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { fakeRtpParameters, fakeSimulcastRtpParameters, HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * Calls on bad networks, over real sockets and a real mediasoup worker: the layer each viewer
 * asks for, sound alone, and connection qualities that stay inside their space. Without a
 * browser no RTP flows, so where a test needs a score or a bandwidth estimate it has the
 * server's own mediasoup object emit it, as the worker's notification would.
 */

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

interface Person {
  headless: HeadlessParticipant;
  audioOnly: AudioOnlyPush[];
  qualities: ConnectionQualityPush[];
}

async function connect(created: CreatedCase, role: Role): Promise<Person> {
  const audioOnly: AudioOnlyPush[] = [];
  const qualities: ConnectionQualityPush[] = [];
  const headless = await HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(created, role).url), roomId: created.roomId }, (event, ...args) => {
    if (event === ServerEvent.audioOnly) audioOnly.push(args[0] as AudioOnlyPush);
    if (event === ServerEvent.connectionQuality) qualities.push(args[0] as ConnectionQualityPush);
  });
  open.push(headless);
  return { headless, audioOnly, qualities };
}

async function joinWithMedia(created: CreatedCase, role: Role): Promise<Person> {
  const person = await connect(created, role);
  await person.headless.joinWithMedia();
  return person;
}

const roomOf = (created: CreatedCase): Room => service.rooms.list().find((room) => room.id === created.roomId)!;
const serverSide = (created: CreatedCase, person: Person) => roomOf(created).participants.get(person.headless.id)!;
const videoConsumersOf = (created: CreatedCase, person: Person) => [...serverSide(created, person).consumers.values()].filter((c) => c.kind === 'video');
const audioConsumersOf = (created: CreatedCase, person: Person) => [...serverSide(created, person).consumers.values()].filter((c) => c.kind === 'audio');

/** What a person was last told of someone's quality. */
function lastQualityOf(person: Person, participantId: string): string | undefined {
  return person.qualities.flatMap((push) => push.qualities).filter((entry) => entry.participantId === participantId).at(-1)?.quality;
}

describe('simulcast layers', () => {
  it('a viewer chooses the layer of a simulcast camera, and nobody chooses for someone else’s consumer', async () => {
    const created = await createTestCase(service);
    const sender = await connect(created, Role.mediator);
    const { producerId } = await sender.headless.request(ClientEvent.produce, {
      transportId: sender.headless.welcome.sendTransport!.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: fakeSimulcastRtpParameters(),
    });
    await sender.headless.request(ClientEvent.produce, {
      transportId: sender.headless.welcome.sendTransport!.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: fakeRtpParameters('audio'),
    });
    const viewer = await joinWithMedia(created, Role.applicant);
    const consumerInfo = [...viewer.headless.consumers.values()].find((consumer) => consumer.producerId === producerId)!;
    const consumer = serverSide(created, viewer).consumers.get(consumerInfo.id)!;
    expect(consumer.type).toBe('simulcast');

    await viewer.headless.request(ClientEvent.preferLayers, { consumerId: consumer.id, spatialLayer: 0 });
    expect(consumer.preferredLayers?.spatialLayer).toBe(0);
    await viewer.headless.request(ClientEvent.preferLayers, { consumerId: consumer.id, spatialLayer: 2 });
    expect(consumer.preferredLayers?.spatialLayer).toBe(2);

    const foreign = await sender.headless.send(ClientEvent.preferLayers, { consumerId: consumer.id, spatialLayer: 0 });
    expect(foreign).toMatchObject({ ok: false, error: { code: ErrorCode.notFound } });
    const beyondTheLayers = await viewer.headless.send(ClientEvent.preferLayers, { consumerId: consumer.id, spatialLayer: 3 });
    expect(beyondTheLayers).toMatchObject({ ok: false, error: { code: ErrorCode.validationFailed } });
    const microphone = [...viewer.headless.consumers.values()].find((c) => c.kind === 'audio')!;
    const onSound = await viewer.headless.send(ClientEvent.preferLayers, { consumerId: microphone.id, spatialLayer: 0 });
    expect(onSound).toMatchObject({ ok: false, error: { code: ErrorCode.conflict } });
    expect(consumer.preferredLayers?.spatialLayer).toBe(2);
  });
});

describe('audio only', () => {
  it('pauses every picture the viewer receives on the server, keeps the sound, and switching back resumes them', async () => {
    const created = await createTestCase(service);
    const mediator = await joinWithMedia(created, Role.mediator);
    const viewer = await joinWithMedia(created, Role.applicant);
    const flowing = (person: Person) => [...serverSide(created, person).consumers.values()].filter((c) => !c.paused).length === 2;
    await waitUntil(() => flowing(viewer) && flowing(mediator));

    await viewer.headless.request(ClientEvent.setAudioOnly, { audioOnly: true });
    expect(videoConsumersOf(created, viewer).every((consumer) => consumer.paused)).toBe(true);
    expect(audioConsumersOf(created, viewer).every((consumer) => !consumer.paused)).toBe(true);
    await waitUntil(() => viewer.audioOnly.length === 1);
    expect(viewer.audioOnly[0]).toEqual({ audioOnly: true, reason: 'chosen' });
    // Only the viewer's own reception changes: the mediator still receives the viewer's camera.
    expect(videoConsumersOf(created, mediator).every((consumer) => !consumer.paused)).toBe(true);

    // A camera that starts meanwhile is attached but stays paused for this viewer.
    const respondent = await joinWithMedia(created, Role.respondent);
    await waitUntil(() => serverSide(created, viewer).attachedConsumerIds.size === 4);
    const respondentsCamera = videoConsumersOf(created, viewer).find((c) => c.appData.producerParticipantId === respondent.headless.id)!;
    expect(respondentsCamera.paused).toBe(true);

    await viewer.headless.request(ClientEvent.setAudioOnly, { audioOnly: false });
    expect(videoConsumersOf(created, viewer)).toHaveLength(2);
    expect(videoConsumersOf(created, viewer).every((consumer) => !consumer.paused)).toBe(true);
    await waitUntil(() => viewer.audioOnly.length === 2);
    expect(viewer.audioOnly[1]).toEqual({ audioOnly: false, reason: 'chosen' });
  });

  it('a downlink too slow for video for the hold time switches the viewer to sound alone, and says why', async () => {
    const created = await createTestCase(service);
    await joinWithMedia(created, Role.mediator);
    const viewer = await joinWithMedia(created, Role.applicant);
    await waitUntil(() => videoConsumersOf(created, viewer).every((c) => !c.paused));
    const transport = serverSide(created, viewer).recvTransport!;
    const bwe = (availableBitrate: number): types.TransportTraceEventData => ({
      type: 'bwe',
      timestamp: Date.now(),
      direction: 'out',
      info: { desiredBitrate: 600_000, effectiveDesiredBitrate: 600_000, availableBitrate },
    });
    const start = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(start);
      transport.emit('trace', bwe(60_000));
      // Recovered within the hold time: nothing happens, and the hold starts afresh.
      clock.mockReturnValue(start + AUDIO_ONLY_AFTER_MS / 2);
      transport.emit('trace', bwe(400_000));
      clock.mockReturnValue(start + AUDIO_ONLY_AFTER_MS);
      transport.emit('trace', bwe(60_000));
      expect(serverSide(created, viewer).audioOnly).toBeNull();
      clock.mockReturnValue(start + 2 * AUDIO_ONLY_AFTER_MS);
      transport.emit('trace', bwe(60_000));
    } finally {
      clock.mockRestore();
    }
    await waitUntil(() => viewer.audioOnly.length === 1);
    expect(viewer.audioOnly[0]).toEqual({ audioOnly: true, reason: 'low-bandwidth' });
    expect(videoConsumersOf(created, viewer).every((consumer) => consumer.paused)).toBe(true);
    expect(audioConsumersOf(created, viewer).every((consumer) => !consumer.paused)).toBe(true);

    await viewer.headless.request(ClientEvent.setAudioOnly, { audioOnly: false });
    expect(videoConsumersOf(created, viewer).every((consumer) => !consumer.paused)).toBe(true);
  });
});

describe('connection quality', () => {
  it('a person’s quality reaches the people of their space alone, a caucus included', async () => {
    const created = await createTestCase(service);
    const mediator = await joinWithMedia(created, Role.mediator);
    const applicant = await joinWithMedia(created, Role.applicant);
    const respondent = await joinWithMedia(created, Role.respondent);
    await mediator.headless.request(ClientEvent.openCaucus, { participantIds: [applicant.headless.id], name: '', stayInMain: false });
    for (const person of [mediator, respondent]) person.qualities.length = 0;
    // Taken aside, the applicant learns the qualities of the caucus's people, and nobody else's.
    await waitUntil(() => applicant.qualities.at(-1)?.qualities.length === 2);
    expect(applicant.qualities.at(-1)!.qualities.map((entry) => entry.participantId).sort()).toEqual([mediator.headless.id, applicant.headless.id].sort());
    applicant.qualities.length = 0;

    const cameraOf = (person: Person) => [...serverSide(created, person).producers.values()].find((p) => p.kind === 'video')!;
    const score = (person: Person, value: number) =>
      cameraOf(person).observer.emit('score', [{ encodingIdx: 0, ssrc: 1, score: value }]);

    score(respondent, 3);
    score(applicant, 6);
    // The caucus hears of the applicant; had the respondent's push reached it, it would have come first.
    await waitUntil(() => lastQualityOf(mediator, applicant.headless.id) === 'fair');
    await waitUntil(() => lastQualityOf(respondent, respondent.headless.id) === 'poor');
    expect(lastQualityOf(applicant, applicant.headless.id)).toBe('fair');
    expect(lastQualityOf(mediator, respondent.headless.id)).toBeUndefined();
    expect(lastQualityOf(applicant, respondent.headless.id)).toBeUndefined();
    expect(lastQualityOf(respondent, applicant.headless.id)).toBeUndefined();
  });

  it('a quality is pushed on change only, and at most once in the push interval', async () => {
    const created = await createTestCase(service);
    const mediator = await joinWithMedia(created, Role.mediator);
    const applicant = await joinWithMedia(created, Role.applicant);
    const camera = [...serverSide(created, applicant).producers.values()].find((p) => p.kind === 'video')!;
    const pushesAbout = () => mediator.qualities.flatMap((push) => push.qualities).filter((e) => e.participantId === applicant.headless.id && e.quality !== 'unknown');
    camera.observer.emit('score', [{ encodingIdx: 0, ssrc: 1, score: 10 }]);
    camera.observer.emit('score', [{ encodingIdx: 0, ssrc: 1, score: 10 }]);
    camera.observer.emit('score', [{ encodingIdx: 0, ssrc: 1, score: 2 }]);
    await waitUntil(() => pushesAbout().length === 2);
    expect(pushesAbout().map((e) => e.quality)).toEqual(['good', 'poor']);
  });
});
