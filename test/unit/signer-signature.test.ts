import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consentStatement, documentNumber, publicKeyFingerprint, Role, SIGNING_PAYLOAD_PURPOSE, signingPayloadBytes, type SigningPayload } from '@mediation/shared';
import { requiredSigners } from '../../server/src/signing/signing-state.js';
import { verifySignerSignature } from '../../server/src/signing/verify-signer-signature.js';
import type { ParticipantRecord } from '../../server/src/store/records.js';
import { TestSigner } from '../support/test-signer.js';

const payload: SigningPayload = {
  purpose: SIGNING_PAYLOAD_PURPOSE,
  caseId: 'case-1',
  version: 3,
  agreementHash: 'a'.repeat(64),
  consentStatement: '本人自愿签署',
  signer: { participantId: 'p1', name: '王芳', role: Role.applicant },
};

describe('a signer’s own signature', () => {
  it('verifies over exactly the payload signed, with the signer’s key only', async () => {
    const signer = await TestSigner.create();
    const other = await TestSigner.create();
    const frozen = { version: payload.version, agreementHash: payload.agreementHash };
    const signature = await signer.signPayload(payload.caseId, frozen, payload.signer);
    const { consentStatement: _, ...rest } = payload;
    const bytes = (statement: string) => signingPayloadBytes({ ...rest, consentStatement: statement });
    const zhStatement = consentStatement('zh-CN');

    expect(await verifySignerSignature(signer.publicKey, signature, bytes(zhStatement))).toBe(true);
    expect(await verifySignerSignature(other.publicKey, signature, bytes(zhStatement))).toBe(false);
    expect(await verifySignerSignature(signer.publicKey, signature, bytes('another statement'))).toBe(false);
    const flipped = signature.slice();
    flipped[10] = flipped[10]! ^ 1;
    expect(await verifySignerSignature(signer.publicKey, flipped, bytes(zhStatement))).toBe(false);
  });

  it('fails, without throwing, for a key that is not a P-256 point', async () => {
    const bogus = { kty: 'EC' as const, crv: 'P-256' as const, x: 'A'.repeat(43), y: 'B'.repeat(43) };
    expect(await verifySignerSignature(bogus, new Uint8Array(64), new Uint8Array([1]))).toBe(false);
  });

  it('signs the same bytes however the payload’s keys are ordered', () => {
    const reordered = {
      signer: payload.signer,
      version: 3,
      caseId: 'case-1',
      agreementHash: payload.agreementHash,
      consentStatement: payload.consentStatement,
      purpose: SIGNING_PAYLOAD_PURPOSE,
    } as SigningPayload;
    expect(signingPayloadBytes(reordered)).toEqual(signingPayloadBytes(payload));
  });

  it('names a key by the SHA-256 of its canonical JWK', async () => {
    const { publicKey } = await TestSigner.create();
    expect(publicKeyFingerprint(publicKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyFingerprint({ ...publicKey })).toBe(publicKeyFingerprint(publicKey));
    const exported = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const jwk = await webcrypto.subtle.exportKey('jwk', exported.publicKey);
    expect(publicKeyFingerprint({ kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! })).not.toBe(publicKeyFingerprint(publicKey));
  });
});

describe('who signs, and the numbers of issued documents', () => {
  const participant = (id: string, role: ParticipantRecord['role'], revokedAt: string | null = null): ParticipantRecord => ({
    id,
    role,
    revokedAt,
    sessionId: 's',
    caseId: 'c',
    displayName: id,
    accountId: null,
    createdAt: '2026-11-29T00:00:00.000Z',
  });

  it('asks every party that still holds a link, then the mediator; never observers or interpreters', () => {
    const signers = requiredSigners([
      participant('m', Role.mediator),
      participant('a', Role.applicant),
      participant('o', Role.observer),
      participant('r', Role.respondent),
      participant('gone', Role.respondent, '2026-11-29T01:00:00.000Z'),
      participant('i', Role.interpreter),
    ]);
    expect(signers.map((s) => s.id)).toEqual(['a', 'r', 'm']);
  });

  it('numbers documents by year and issuing order', () => {
    expect(documentNumber('2026-11-29T10:00:00.000Z', 123)).toBe('MA-2026-000123');
  });
});
