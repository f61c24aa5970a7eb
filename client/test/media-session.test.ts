import { describe, expect, it } from 'vitest';
import { Device } from 'mediasoup-client';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { ConsumerInfo, WelcomePayload } from '@mediation/shared';
import { MediaSession } from '../src/room/media-session';
import type { RoomSocket } from '../src/room/room-socket';

/** A session on mediasoup-client's own fake handler: transports and consumers without a browser. */
async function openSession(): Promise<MediaSession> {
  const device = new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
  const welcome = {
    routerRtpCapabilities: fakeParameters.generateRouterRtpCapabilities(),
    sendTransport: null,
    recvTransport: fakeParameters.generateTransportRemoteParameters(),
    ice: { iceServers: [], iceTransportPolicy: 'all' },
  } as unknown as WelcomePayload;
  return MediaSession.open({} as RoomSocket, welcome, device);
}

function offered(): ConsumerInfo {
  const remote = fakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'video/VP8' });
  return {
    id: remote.id!,
    producerId: remote.producerId!,
    kind: 'video',
    rtpParameters: remote.rtpParameters!,
    participantId: 'p-1',
    source: 'camera',
    producerPaused: false,
  } as ConsumerInfo;
}

describe('MediaSession', () => {
  it('attaches an offered consumer', async () => {
    const session = await openSession();
    const outcome = await session.consume([offered()]);
    expect(outcome.attachedIds).toHaveLength(1);
    expect(outcome.failures).toEqual([]);
    session.close();
  });

  it('settles a consume that the closing of the session overtakes, instead of waiting for ever', async () => {
    const session = await openSession();
    const consuming = session.consume([offered()]);
    // Closed before mediasoup-client's queued creation runs: it drops the pending task.
    session.close();
    const outcome = await consuming;
    expect(outcome.attachedIds).toEqual([]);
    expect(outcome.failures).toHaveLength(1);
    expect((outcome.failures[0] as { code?: string }).code).toBe('MEDIA_SESSION_CLOSED');
  });
});
