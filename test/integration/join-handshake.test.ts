import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type CreatedCase } from '@mediation/shared';
import { signJoinToken } from '../../server/src/auth/join-token.js';
import { createTestCase, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, SignallingError } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

let service: TestService;
let created: CreatedCase;

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service);
});
afterAll(() => service.stop());

async function refusalCode(auth: Record<string, unknown>): Promise<string> {
  const error = await HeadlessParticipant.connect(service.url, auth).then(
    (participant) => {
      participant.close();
      throw new Error('the handshake was accepted');
    },
    (refusal: unknown) => refusal,
  );
  expect(error).toBeInstanceOf(SignallingError);
  return (error as SignallingError).body.code;
}

describe('joining a room with a personal link', () => {
  it('a valid link is welcomed with its identity, the router and two transports', async () => {
    const link = created.links[1]!;
    const participant = await HeadlessParticipant.connect(service.url, { token: tokenOf(link.url), roomId: created.roomId });
    expect(participant.welcome.self).toMatchObject({ id: link.participantId, displayName: link.displayName, role: 'applicant' });
    expect(participant.welcome.roomId).toBe(created.roomId);
    expect(participant.welcome.routerRtpCapabilities.codecs?.some((c) => c.mimeType === 'audio/opus')).toBe(true);
    expect(participant.welcome.sendTransport?.iceCandidates.length).toBeGreaterThan(0);
    expect(participant.welcome.recvTransport.id).not.toBe(participant.welcome.sendTransport?.id);
    participant.close();
  });

  it('a handshake without a token is refused with TOKEN_MISSING', async () => {
    expect(await refusalCode({ roomId: created.roomId })).toBe(ErrorCode.tokenMissing);
  });

  it('a token that is not a JWT is refused with TOKEN_MALFORMED', async () => {
    expect(await refusalCode({ token: 'not-a-jwt', roomId: created.roomId })).toBe(ErrorCode.tokenMalformed);
  });

  it('a JWT without the join claims is refused with TOKEN_MALFORMED', async () => {
    const token = jwt.sign({ hello: 'world' }, service.secret, { audience: 'join', subject: 'x' });
    expect(await refusalCode({ token, roomId: created.roomId })).toBe(ErrorCode.tokenMalformed);
  });

  it('an expired token is refused with TOKEN_EXPIRED', async () => {
    const link = created.links[1]!;
    const token = signJoinToken(
      service.secret,
      { participantId: link.participantId, roomId: created.roomId, caseId: created.caseId, caseNumber: 'T-1', role: link.role, displayName: link.displayName },
      -10,
    );
    expect(await refusalCode({ token, roomId: created.roomId })).toBe(ErrorCode.tokenExpired);
  });

  it('a token signed with another secret is refused with TOKEN_BAD_SIGNATURE', async () => {
    const link = created.links[1]!;
    const token = signJoinToken(
      'some other secret',
      { participantId: link.participantId, roomId: created.roomId, caseId: created.caseId, caseNumber: 'T-1', role: link.role, displayName: link.displayName },
      60,
    );
    expect(await refusalCode({ token, roomId: created.roomId })).toBe(ErrorCode.tokenBadSignature);
  });

  it('a token for another room is refused with TOKEN_WRONG_ROOM', async () => {
    const other = await createTestCase(service);
    expect(await refusalCode({ token: tokenOf(other.links[1]!.url), roomId: created.roomId })).toBe(ErrorCode.tokenWrongRoom);
  });

  it('a revoked link is refused with TOKEN_REVOKED', async () => {
    const other = await createTestCase(service);
    const link = other.links[2]!;
    expect(await service.store.revokeParticipant(link.participantId, new Date().toISOString())).toBe(true);
    expect(await refusalCode({ token: tokenOf(link.url), roomId: other.roomId })).toBe(ErrorCode.tokenRevoked);
  });

  it('a second connection of the same person replaces the first', async () => {
    const link = created.links[2]!;
    const auth = { token: tokenOf(link.url), roomId: created.roomId };
    const first = await HeadlessParticipant.connect(service.url, auth);
    const second = await HeadlessParticipant.connect(service.url, auth);
    await first.waitFor(() => first.closedWith !== null);
    expect(first.closedWith?.code).toBe(ErrorCode.conflict);
    const room = service.rooms.list().find((r) => r.id === created.roomId)!;
    expect([...room.participants.keys()]).toEqual([link.participantId]);
    first.close();
    second.close();
  });
});
