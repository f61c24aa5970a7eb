import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@mediation/shared';
import { signJoinToken, verifyJoinToken } from '../../server/src/auth/join-token.js';
import { AppError } from '../../server/src/errors/app-error.js';

const SECRET = 'unit-test-secret';
const subject = { participantId: 'p1', roomId: 'room-1', caseId: 'case-1', caseNumber: '(2026) 调字第 1 号', role: 'applicant', displayName: '张伟' } as const;

function codeOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('no error was thrown');
}

describe('join tokens', () => {
  it('a signed token verifies for its room and carries the participant', () => {
    const claims = verifyJoinToken(SECRET, signJoinToken(SECRET, subject, 60), 'room-1');
    expect(claims).toMatchObject({ sub: 'p1', roomId: 'room-1', caseId: 'case-1', role: 'applicant', name: '张伟' });
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(55);
  });

  it('each way a token can be wrong has its own code', () => {
    expect(codeOf(() => verifyJoinToken(SECRET, undefined, 'room-1'))).toBe(ErrorCode.tokenMissing);
    expect(codeOf(() => verifyJoinToken(SECRET, 'abc.def', 'room-1'))).toBe(ErrorCode.tokenMalformed);
    expect(codeOf(() => verifyJoinToken(SECRET, signJoinToken(SECRET, subject, -1), 'room-1'))).toBe(ErrorCode.tokenExpired);
    expect(codeOf(() => verifyJoinToken(SECRET, signJoinToken('other', subject, 60), 'room-1'))).toBe(ErrorCode.tokenBadSignature);
    expect(codeOf(() => verifyJoinToken(SECRET, signJoinToken(SECRET, subject, 60), 'room-2'))).toBe(ErrorCode.tokenWrongRoom);
  });

  it('a token with an unknown role is malformed', () => {
    const token = jwt.sign({ roomId: 'room-1', caseId: 'c', role: 'judge', name: 'x' }, SECRET, { subject: 'p', audience: 'join', expiresIn: 60 });
    expect(codeOf(() => verifyJoinToken(SECRET, token, 'room-1'))).toBe(ErrorCode.tokenMalformed);
  });

  it('a sign-in session token is not accepted as a join link', () => {
    const token = jwt.sign({ roomId: 'room-1', caseId: 'c', role: 'mediator', name: 'x' }, SECRET, { subject: 'p', audience: 'account', expiresIn: 60 });
    expect(codeOf(() => verifyJoinToken(SECRET, token, 'room-1'))).toBe(ErrorCode.tokenMalformed);
  });

  it('the alg "none" trick is refused', () => {
    const unsigned = jwt.sign({ roomId: 'room-1', caseId: 'c', role: 'mediator', name: 'x', aud: 'join', sub: 'p' }, '', { algorithm: 'none' });
    expect(codeOf(() => verifyJoinToken(SECRET, unsigned, 'room-1'))).toBe(ErrorCode.tokenMalformed);
  });
});
