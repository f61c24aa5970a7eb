/**
 * One node starting, as a process of its own, for the tests of nodes that create the
 * install's secrets at once: opens the kept secrets the environment names (DATABASE_URL,
 * SECRETS_KEY), prints "ready", waits for "go" on stdin, then loads or creates the JWT
 * secret and the credentials of committee COMMITTEE_ID and prints one JSON line of what it got.
 */
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import { loadOrCreateSecret } from '../../server/src/auth/load-or-create-secret.js';
import { loadConfig } from '../../server/src/config/config.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { openKeptSecrets } from '../../server/src/store/open-kept-secrets.js';

export interface KeptSecretsNodeResult {
  /** SHA-256 of the JWT secret's key bytes, hex. */
  jwtSecret: string;
  committeeFingerprint: string;
  /** SHA-256 of the root CA's certificate (PEM) that issued the committee's. */
  rootCa: string;
}

const config = loadConfig(process.env);
const committeeId = process.env.COMMITTEE_ID ?? 'committee';
const opened = await openKeptSecrets(config, undefined);
// One query first, so that "go" finds the connection open and both nodes race from there.
await opened.secrets.jwtSecret.read();

const lines = readline.createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) if (line === 'go') break;
lines.close();

const [secret, credentials] = await Promise.all([
  loadOrCreateSecret(opened.secrets, undefined),
  loadOrCreateCommitteeCredentials(opened.secrets, { id: committeeId, name: 'Riverside Committee' }),
]);
const result: KeptSecretsNodeResult = {
  jwtSecret: createHash('sha256').update(secret.export()).digest('hex'),
  committeeFingerprint: credentials.certificate.fingerprint,
  rootCa: createHash('sha256').update(credentials.chainPem[0] ?? '').digest('hex'),
};
console.log(JSON.stringify(result));
await opened.close();
