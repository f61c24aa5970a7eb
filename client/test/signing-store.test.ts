import {
  ClientEvent,
  consentStatement,
  DraftDocument,
  ErrorCode,
  Role,
  ServerEvent,
  SIGNING_PAYLOAD_PURPOSE,
  signingPayloadBytes,
  type ParticipantInfo,
  type SignerStatus,
  type SigningState,
} from '@mediation/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { DraftingSession } from '../src/drafting/drafting-session';
import type { SignRequest } from '../src/signing/signing-session';
import { SigningSession } from '../src/signing/signing-session';
import { useDraftingStore } from '../src/stores/drafting-store';
import { useSigningStore } from '../src/stores/signing-store';
import { fakeRoomSocket, type FakeRoomSocket } from './support/fake-room-socket';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const FROZEN = { version: 2, agreementHash: 'e'.repeat(64), frozenAt: '2026-03-01T09:00:00.000Z' };
const SIGNED_AT = '2026-03-01T09:05:00.000Z';

function participant(role: ParticipantInfo['role']): ParticipantInfo {
  return { id: `${role}-1`, displayName: `The ${role}`, role, audio: false, video: false, space: 'main', held: [], screenShareAllowed: false };
}

function signer(role: SignerStatus['role'], state: SignerStatus['state'] = 'joined'): SignerStatus {
  return { participantId: `${role}-1`, name: `The ${role}`, role, state, identityAttested: false, signedAt: state === 'signed' ? SIGNED_AT : null };
}

function stateWith(signers: SignerStatus[], frozen: SigningState['frozen'] = FROZEN): SigningState {
  return { frozen, signers, issued: null, issueFailure: null };
}

/** The drafting and signing stores following one fake room socket, welcomed as `role`. */
function joinedAs(role: ParticipantInfo['role'], socket: FakeRoomSocket = fakeRoomSocket({ [ClientEvent.sign]: { signedAt: SIGNED_AT } })) {
  const drafting = useDraftingStore();
  const signing = useSigningStore();
  const draftingSession = new DraftingSession(socket.socket);
  drafting.attach(draftingSession);
  draftingSession.open({ caseId: 'case-1', self: participant(role) });
  signing.attach(new SigningSession(socket.socket), 'join-token');
  socket.push(ServerEvent.welcome, { caseId: 'case-1', self: participant(role) });
  return { drafting, signing, socket };
}

const signature = { typedName: 'The applicant', language: 'en' as const, signatureImage: async () => PNG };

describe('the signing store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    // Node has no IndexedDB: the store says so and keeps the key for the page.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('locks the agreement’s editors while it is frozen and opens them again when it is unfrozen', async () => {
    const { drafting, socket } = joinedAs(Role.mediator);
    expect(drafting.mayEditDocument(DraftDocument.agreement)).toBe(true);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant), signer(Role.mediator)]));
    await nextTick();
    expect(drafting.mayEditDocument(DraftDocument.agreement)).toBe(false);
    expect(drafting.mayEditDocument(DraftDocument.notes)).toBe(true);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant), signer(Role.mediator)], null));
    await nextTick();
    expect(drafting.mayEditDocument(DraftDocument.agreement)).toBe(true);
  });

  it('keeps the agreement locked once it is issued', async () => {
    const { drafting, socket } = joinedAs(Role.mediator);
    socket.push(ServerEvent.signingState, {
      frozen: null,
      signers: [],
      issued: { documentNumber: 'MA-2026-000001', issuedAt: SIGNED_AT, pdfSha256: 'f'.repeat(64) },
    });
    await nextTick();
    expect(drafting.mayEditDocument(DraftDocument.agreement)).toBe(false);
  });

  it('signs with the welcome’s name and role and the statement in the agreement’s language, and says signed once acknowledged', async () => {
    const { signing, socket } = joinedAs(Role.applicant);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant, 'consented'), signer(Role.mediator)]));
    const signed = signing.sign(signature);
    // The push that everyone receives may come before the acknowledgement: it does not count for this page yet.
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant, 'signed'), signer(Role.mediator)]));
    expect(signing.ownSignedAt).toBeNull();
    expect(await signed).toBe(true);
    expect(signing.ownSignedAt).toBe(SIGNED_AT);

    const request = socket.sent.find((sent) => sent.event === ClientEvent.sign)!.payload as SignRequest;
    const payload = signingPayloadBytes({
      purpose: SIGNING_PAYLOAD_PURPOSE,
      caseId: 'case-1',
      version: FROZEN.version,
      agreementHash: FROZEN.agreementHash,
      consentStatement: consentStatement('en'),
      signer: { participantId: 'applicant-1', name: 'The applicant', role: Role.applicant },
    });
    const key = await crypto.subtle.importKey('jwk', { ...request.publicKey, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, request.signature as Uint8Array<ArrayBuffer>, new Uint8Array(payload));
    expect(valid).toBe(true);
  });

  it('signs every time with the one key this page made for the participant', async () => {
    const { signing, socket } = joinedAs(Role.applicant);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant, 'consented')]));
    await signing.sign(signature);
    await signing.sign(signature);
    const keys = socket.sent.filter((sent) => sent.event === ClientEvent.sign).map((sent) => (sent.payload as SignRequest).publicKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toEqual(keys[0]);
  });

  it('shows a refusal by its code and does not say signed', async () => {
    const socket = fakeRoomSocket({}, { [ClientEvent.sign]: ErrorCode.signingOutOfOrder });
    const { signing } = joinedAs(Role.mediator, socket);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant), signer(Role.mediator, 'consented')]));
    expect(await signing.sign(signature)).toBe(false);
    expect(signing.problem).toBe(ErrorCode.signingOutOfOrder);
    expect(signing.ownSignedAt).toBeNull();
    expect(signing.pending).toBeNull();
  });

  it('has the mediator wait until every party has signed', () => {
    const { signing, socket } = joinedAs(Role.mediator);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant, 'signed'), signer(Role.respondent, 'consented'), signer(Role.mediator)]));
    expect(signing.waitsForParties).toBe(true);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant, 'signed'), signer(Role.respondent, 'signed'), signer(Role.mediator)]));
    expect(signing.waitsForParties).toBe(false);
  });

  it('a drawing that cannot be encoded is this browser’s failure, not the server’s, and nothing is sent', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { signing, socket } = joinedAs(Role.applicant);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.applicant, 'consented')]));
    const broken = { ...signature, signatureImage: () => Promise.reject(new Error('toBlob gave null')) };
    expect(await signing.sign(broken)).toBe(false);
    expect(signing.problem).toBe('SIGNING_FAILED');
    expect(socket.sent.some((sent) => sent.event === ClientEvent.sign)).toBe(false);
  });

  it('consents to exactly the frozen version and hash', async () => {
    const { signing, socket } = joinedAs(Role.respondent);
    socket.push(ServerEvent.signingState, stateWith([signer(Role.respondent)]));
    expect(await signing.consent()).toBe(true);
    expect(socket.sent.find((sent) => sent.event === ClientEvent.consent)?.payload).toEqual({ version: 2, agreementHash: FROZEN.agreementHash });
  });
});
