import {
  consentStatement,
  publicKeyFingerprint,
  Role,
  SIGNING_PAYLOAD_PURPOSE,
  SignAgreementRequest,
  signingPayloadBytes,
} from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import { buildSignRequest, signingPayloadOf, type SignInput } from '../src/signing/build-sign-request';

/** A whole 1 × 1 PNG: the protocol reads the size its header declares. */
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
const frozen = { version: 3, agreementHash: 'c'.repeat(64) };
const signer = { participantId: 'participant-7', name: '王芳', role: Role.applicant };

async function input(overrides: Partial<SignInput> = {}): Promise<SignInput> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { caseId: 'case-1', frozen, language: 'zh-CN', signer, typedName: ' 王芳 ', signatureImage: PNG, keys, ...overrides };
}

async function verifies(request: Awaited<ReturnType<typeof buildSignRequest>>, payload: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('jwk', { ...request.publicKey, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, request.signature as Uint8Array<ArrayBuffer>, new Uint8Array(payload));
}

describe('the sign request', () => {
  it('signs the payload the server rebuilds: version, hash, the statement in the agreement’s language and who signs', async () => {
    const request = await buildSignRequest(await input());
    const expected = signingPayloadBytes({
      purpose: SIGNING_PAYLOAD_PURPOSE,
      caseId: 'case-1',
      version: 3,
      agreementHash: frozen.agreementHash,
      consentStatement: consentStatement('zh-CN'),
      signer,
    });
    expect(await verifies(request, expected)).toBe(true);
  });

  it('does not verify for a statement in another language or for another name', async () => {
    const request = await buildSignRequest(await input());
    const inEnglish = signingPayloadBytes(signingPayloadOf({ caseId: 'case-1', frozen, language: 'en', signer }));
    const otherName = signingPayloadBytes(signingPayloadOf({ caseId: 'case-1', frozen, language: 'zh-CN', signer: { ...signer, name: '王 芳' } }));
    expect(await verifies(request, inEnglish)).toBe(false);
    expect(await verifies(request, otherName)).toBe(false);
  });

  it('is what the protocol accepts: a 64-byte signature, the public key as a bare P-256 JWK, the typed name trimmed', async () => {
    const request = await buildSignRequest(await input());
    expect(SignAgreementRequest.safeParse(request).success).toBe(true);
    expect(request.signature).toHaveLength(64);
    expect(Object.keys(request.publicKey).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(request.typedName).toBe('王芳');
    expect(request).toMatchObject({ version: 3, agreementHash: frozen.agreementHash });
    expect(publicKeyFingerprint(request.publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs with the same key the same public key, so the fingerprint stays the signer’s across signatures', async () => {
    const first = await input();
    const again = await buildSignRequest({ ...first, frozen: { version: 4, agreementHash: 'd'.repeat(64) } });
    expect(publicKeyFingerprint(again.publicKey)).toBe(publicKeyFingerprint((await buildSignRequest(first)).publicKey));
  });
});
