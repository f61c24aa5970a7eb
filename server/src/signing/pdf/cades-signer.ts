import { createHash, sign } from 'node:crypto';
import { Signer } from '@signpdf/signpdf';
import forge from 'node-forge';
import type { CommitteeCredentials } from '../certificates/committee-credentials.js';

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

/**
 * Signs a PDF's byte range as a detached CAdES signature (CMS SignedData), which is what
 * the ETSI.CAdES.detached sub-filter of PAdES expects: signed attributes content type,
 * message digest and the ESS signing-certificate-v2 that binds the signer's certificate;
 * no signing-time attribute (PAdES takes the time from the signature dictionary's /M).
 * The key was opened once with the credentials and signs through Node's crypto: done in
 * JavaScript by node-forge (as @signpdf/signer-p12 does, opening the PKCS#12 each time)
 * it took longer than building the whole document. PKCS#1 v1.5 has no randomness, so the
 * same bytes give the same signature.
 */
export class CadesSigner extends Signer {
  constructor(private readonly credentials: CommitteeCredentials) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const { certificateDer, chainDer, privateKey } = this.credentials;
    const own = fromDer(certificateDer);
    const signedAttributes = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.messageDigest, octets(createHash('sha256').update(pdfBuffer).digest())),
      attribute(
        OID.signingCertificateV2,
        sequence([sequence([sequence([octets(createHash('sha256').update(certificateDer).digest())])])]),
      ),
    ]);
    // The signature covers the attributes encoded as a SET (RFC 5652 §5.4), not as [0].
    const signature = sign('sha256', toDer(signedAttributes), privateKey);
    signedAttributes.tagClass = asn1.Class.CONTEXT_SPECIFIC;
    signedAttributes.type = 0;

    const sha256Algorithm = sequence([oid(OID.sha256), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
    const signerInfo = sequence([
      integer(1),
      issuerAndSerialNumber(own),
      sha256Algorithm,
      signedAttributes,
      sequence([oid(OID.rsaEncryption), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
      octets(signature),
    ]);
    const signedData = sequence([
      integer(1),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [sha256Algorithm]),
      sequence([oid(OID.data)]),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [certificateDer, ...chainDer].map(fromDer)),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [signerInfo]),
    ]);
    const contentInfo = sequence([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
    return toDer(contentInfo);
  }
}

/**
 * The signer's certificate named by its issuer and serial, copied from the certificate's
 * own encoding: an issuer name decoded and encoded again by node-forge can differ in its
 * string types (or in its bytes, for UTF-8 names), and a verifier would not find the signer.
 */
function issuerAndSerialNumber(certificate: forge.asn1.Asn1): forge.asn1.Asn1 {
  const [tbsCertificate] = certificate.value as forge.asn1.Asn1[];
  const fields = tbsCertificate!.value as forge.asn1.Asn1[];
  // The version is an optional explicit [0] before the serial number.
  const serialAt = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return sequence([fields[serialAt + 2]!, fields[serialAt]!]);
}

function attribute(type: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return sequence([oid(type), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [value])]);
}

function sequence(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

function oid(value: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}

function octets(bytes: Buffer): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
}

function integer(value: number): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

/** Parsed without looking into bit strings, so encoding it again gives back the same bytes. */
function fromDer(der: Buffer): forge.asn1.Asn1 {
  // node-forge takes an options object here; its published types still say a boolean.
  const parse = asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { decodeBitStrings: boolean }) => forge.asn1.Asn1;
  return parse(forge.util.createBuffer(der.toString('binary')), { decodeBitStrings: false });
}

function toDer(value: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(value).getBytes(), 'binary');
}
