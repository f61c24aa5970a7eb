import forge from 'node-forge';

/** A PKCS#12 such as an operator would bring: their own CA, their own key, 3DES as older tools write it. */
export function operatorP12(passphrase: string): Buffer {
  const rsa = forge.pki.rsa;
  const caKeys = rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date(Date.now() - 60_000);
  ca.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
  ca.setSubject([{ name: 'commonName', value: 'Provincial Justice Department Test CA' }]);
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([{ name: 'basicConstraints', cA: true }]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  const keys = rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = keys.publicKey;
  leaf.serialNumber = '02';
  leaf.validity.notBefore = ca.validity.notBefore;
  leaf.validity.notAfter = ca.validity.notAfter;
  leaf.setSubject([{ name: 'commonName', value: 'Operator Mediation Committee' }]);
  leaf.setIssuer(ca.subject.attributes);
  leaf.sign(caKeys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [leaf, ca], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
