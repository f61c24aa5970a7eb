import { describe, expect, it } from 'vitest';
import { ClientEvent, clientPayloadSchemas, ConnectTransportRequest, ProduceRequest, ResumeConsumersRequest } from '@mediation/shared';
import { fakeRtpParameters } from '../support/headless-participant.js';

describe('client payload schemas', () => {
  it('every client event has a schema', () => {
    expect(Object.keys(clientPayloadSchemas).sort()).toEqual(Object.values(ClientEvent).sort());
  });

  it('a produce request as a browser sends it is accepted, keeping the RTP details', () => {
    const rtpParameters = fakeRtpParameters('video');
    const parsed = ProduceRequest.parse({ transportId: 't1', kind: 'video', source: 'camera', rtpParameters });
    expect(parsed.rtpParameters).toEqual(rtpParameters);
  });

  it('a produce request with an unknown kind or source is refused', () => {
    const base = { transportId: 't1', rtpParameters: fakeRtpParameters('audio') };
    expect(ProduceRequest.safeParse({ ...base, kind: 'data', source: 'microphone' }).success).toBe(false);
    expect(ProduceRequest.safeParse({ ...base, kind: 'audio', source: 'telepathy' }).success).toBe(false);
  });

  it('DTLS parameters need at least one fingerprint of bounded size', () => {
    expect(ConnectTransportRequest.safeParse({ transportId: 't', dtlsParameters: { fingerprints: [] } }).success).toBe(false);
    expect(
      ConnectTransportRequest.safeParse({
        transportId: 't',
        dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'A'.repeat(10_000) }] },
      }).success,
    ).toBe(false);
    expect(
      ConnectTransportRequest.safeParse({ transportId: 't', dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } })
        .success,
    ).toBe(true);
  });

  it('resuming takes between one and 64 consumer ids', () => {
    expect(ResumeConsumersRequest.safeParse({ consumerIds: [] }).success).toBe(false);
    expect(ResumeConsumersRequest.safeParse({ consumerIds: Array(65).fill('c') }).success).toBe(false);
    expect(ResumeConsumersRequest.safeParse({ consumerIds: ['c1', 'c2'] }).success).toBe(true);
  });

  it('leave accepts only an empty object', () => {
    expect(clientPayloadSchemas[ClientEvent.leave].safeParse({}).success).toBe(true);
    expect(clientPayloadSchemas[ClientEvent.leave].safeParse({ extra: 1 }).success).toBe(false);
  });

  it('free text that is signed or sealed refuses a lone surrogate and a text-direction control, and keeps the rest', () => {
    const save = clientPayloadSchemas[ClientEvent.saveVersion];
    expect(save.safeParse({ name: '初稿 \u{1F600}' }).success).toBe(true);
    expect(save.safeParse({ name: 'draft \udce6' }).success).toBe(false);
    expect(save.safeParse({ name: '\ud83d draft' }).success).toBe(false);
    expect(save.safeParse({ name: '1000\u202E' }).success).toBe(false);
  });
});
