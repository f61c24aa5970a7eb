import { webcrypto } from 'node:crypto';
import {
  consentStatement,
  SIGNING_PAYLOAD_PURPOSE,
  signingPayloadBytes,
  type AgreementLanguage,
  type Role,
  type SignerPublicKey,
} from '@mediation/shared';
import { signaturePng } from './signature-png.js';

export interface SignerIdentity {
  participantId: string;
  name: string;
  role: Role;
}

/**
 * A signer's key as the browser makes it: WebCrypto ECDSA P-256, the private key not
 * extractable; signs the payload the server will rebuild.
 */
export class TestSigner {
  private constructor(
    private readonly keys: webcrypto.CryptoKeyPair,
    readonly publicKey: SignerPublicKey,
  ) {}

  static async create(): Promise<TestSigner> {
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
    return new TestSigner(keys, { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! });
  }

  async signPayload(
    caseId: string,
    frozen: { version: number; agreementHash: string },
    signer: SignerIdentity,
    language: AgreementLanguage = 'zh-CN',
  ): Promise<Uint8Array> {
    const bytes = signingPayloadBytes({
      purpose: SIGNING_PAYLOAD_PURPOSE,
      caseId,
      version: frozen.version,
      agreementHash: frozen.agreementHash,
      consentStatement: consentStatement(language),
      signer,
    });
    return new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, bytes));
  }

  /** A complete `signing:sign` request for the frozen version. */
  async request(
    caseId: string,
    frozen: { version: number; agreementHash: string },
    signer: SignerIdentity,
    { seed = 1, language = 'zh-CN' as AgreementLanguage } = {},
  ) {
    return {
      version: frozen.version,
      agreementHash: frozen.agreementHash,
      typedName: signer.name,
      signatureImage: signaturePng(seed),
      publicKey: this.publicKey,
      signature: await this.signPayload(caseId, frozen, signer, language),
    };
  }
}
