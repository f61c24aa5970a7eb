import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generate = promisify(generateKeyPair);

/**
 * An RSA key pair made by Node's OpenSSL (node-forge's own generator takes seconds in
 * JavaScript and blocks the event loop), handed over as node-forge keys.
 */
export async function generateRsaKeyPair(bits: 2048 | 3072): Promise<forge.pki.rsa.KeyPair> {
  const { privateKey } = await generate('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}
