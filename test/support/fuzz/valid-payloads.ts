import {
  AGREEMENT_LANGUAGES,
  ClientEvent,
  DISPUTE_CATEGORIES,
  DraftDocument,
  IDENTITY_DOCUMENT_TYPES,
  type ClientEventName,
} from '@mediation/shared';
import { signaturePng } from '../signature-png.js';
import { awarenessUpdate } from './awareness-updates.js';
import { ref } from './input-references.js';
import type { Prng } from './prng.js';
import { syncMessage, yjsUpdate } from './yjs-updates.js';

export const CLIENT_EVENTS = Object.values(ClientEvent);
export const DOCUMENTS = Object.values(DraftDocument);

export function dtlsParameters(prng: Prng) {
  const fingerprint = Array.from(prng.bytes(32), (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return { role: prng.pick(['auto', 'client', 'server'] as const), fingerprints: [{ algorithm: 'sha-256', value: fingerprint }] };
}

/** RTP parameters a browser would send for one track. */
export function rtpParameters(prng: Prng, kind: 'audio' | 'video') {
  const ssrc = prng.between(1, 2 ** 31 - 1);
  const codec =
    kind === 'audio'
      ? { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }
      : { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] };
  return {
    mid: String(prng.int(10)),
    codecs: [codec],
    headerExtensions: [],
    encodings: prng.chance(0.8) ? [{ ssrc }] : [{ ssrc }, { ssrc: ssrc + 1 }, { ssrc: ssrc + 2 }],
    rtcp: { cname: `c${ssrc}`, reducedSize: true },
  };
}

const DOCUMENT_NUMBER_OF_HASH = () => 'f'.repeat(64);

/**
 * A payload that matches the event's schema, sent by someone called `selfName`; whether the
 * caller's role may send it is the server's business.
 */
export function validPayload(prng: Prng, event: ClientEventName, selfName: string): unknown {
  const document = prng.pick(DOCUMENTS);
  switch (event) {
    case ClientEvent.connectTransport:
      return { transportId: ref(prng.pick(['sendTransportId', 'recvTransportId'] as const)), dtlsParameters: dtlsParameters(prng) };
    case ClientEvent.produce: {
      const kind = prng.pick(['audio', 'video'] as const);
      return {
        transportId: ref('sendTransportId'),
        kind,
        source: kind === 'audio' ? 'microphone' : prng.pick(['camera', 'screen']),
        rtpParameters: rtpParameters(prng, kind),
        paused: prng.chance(0.5),
        ...(prng.chance(0.3) ? { dtlsParameters: dtlsParameters(prng) } : {}),
      };
    }
    case ClientEvent.setProducerPaused:
      return { producerId: ref('producerId'), paused: prng.chance(0.5) };
    case ClientEvent.closeProducer:
      return { producerId: ref('producerId') };
    case ClientEvent.ready:
      return { rtpCapabilities: ref('routerRtpCapabilities') };
    case ClientEvent.resumeConsumers:
      return { consumerIds: [ref('consumerId')], ...(prng.chance(0.3) ? { dtlsParameters: dtlsParameters(prng) } : {}) };
    case ClientEvent.leave:
    case ClientEvent.listVersions:
    case ClientEvent.freezeAgreement:
    case ClientEvent.unfreezeAgreement:
    case ClientEvent.getSigningState:
      return {};
    case ClientEvent.draftSync:
      return { document, message: prng.chance(0.5) ? ref(`localEdit:${document}`) : syncMessage(prng, yjsUpdate(prng), prng.int(3)) };
    case ClientEvent.draftPush:
      return { document, message: prng.chance(0.5) ? ref(`localEdit:${document}`) : syncMessage(prng, yjsUpdate(prng), 2) };
    case ClientEvent.draftAwareness:
      return { document, update: awarenessUpdate(prng, selfName) };
    case ClientEvent.setPartyEditing:
      return { allowed: prng.chance(0.7) };
    case ClientEvent.startAgreement:
      return { category: prng.pick(DISPUTE_CATEGORIES), language: prng.pick(AGREEMENT_LANGUAGES) };
    case ClientEvent.markClause:
      return { clauseId: ref('clauseId'), mark: prng.pick(['agree', 'object']), ...(prng.chance(0.5) ? { comment: 'fine' } : {}) };
    case ClientEvent.saveVersion:
      return { name: `v${prng.int(1000)}` };
    case ClientEvent.getVersion:
      return { versionId: ref('versionId') };
    case ClientEvent.attestIdentity:
      return {
        participantId: ref(prng.pick(['otherParticipantId', 'liveParticipantId', 'selfId'] as const)),
        documentType: prng.pick(IDENTITY_DOCUMENT_TYPES),
        numberLastDigits: prng.pick(['123X', '0000', 'abcd']),
      };
    case ClientEvent.consent:
      return { version: ref('frozenVersion'), agreementHash: ref('frozenHash') };
    case ClientEvent.sign:
      return {
        version: ref('frozenVersion'),
        agreementHash: prng.chance(0.9) ? ref('frozenHash') : DOCUMENT_NUMBER_OF_HASH(),
        typedName: ref('selfName'),
        signatureImage: signaturePng(prng.int(100)),
        publicKey: ref('publicKey'),
        signature: prng.chance(0.8) ? ref('signature') : prng.bytes(64),
      };
  }
}
