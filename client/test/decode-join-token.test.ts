import { describe, expect, it } from 'vitest';
import { decodeJoinToken } from '../src/join/decode-join-token';
import { readJoinToken } from '../src/join/read-join-token';

function base64Url(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function tokenWith(claims: unknown): string {
  return `${base64Url('{"alg":"HS256","typ":"JWT"}')}.${base64Url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

const claims = {
  sub: 'participant-1',
  roomId: 'room-1',
  caseId: 'case-1',
  caseNumber: '(2026) 调字第 1 号',
  role: 'applicant',
  name: '张小明',
  exp: 1_900_000_000,
  iat: 1_800_000_000,
};

describe('decodeJoinToken', () => {
  it('reads the claims of a join link, Chinese names included', () => {
    expect(decodeJoinToken(tokenWith(claims))).toEqual(claims);
  });

  it('returns null for something that is not a JWT', () => {
    expect(decodeJoinToken('not-a-token')).toBeNull();
    expect(decodeJoinToken('a.%%%.c')).toBeNull();
  });

  it('returns null when the claims do not have the join link shape', () => {
    expect(decodeJoinToken(tokenWith({ ...claims, role: 'judge' }))).toBeNull();
    expect(decodeJoinToken(tokenWith({ sub: 'x' }))).toBeNull();
  });
});

describe('readJoinToken', () => {
  it('takes the token from the fragment', () => {
    expect(readJoinToken('#token=abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('returns null when the fragment has no token', () => {
    expect(readJoinToken('')).toBeNull();
    expect(readJoinToken('#other=1')).toBeNull();
    expect(readJoinToken('#token=')).toBeNull();
  });
});
