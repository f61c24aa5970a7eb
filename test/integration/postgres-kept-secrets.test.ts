import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../server/src/auth/load-or-create-secret.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { IssuingThread } from '../../server/src/signing/issuing-thread/issuing-thread.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { openKeptSecrets } from '../../server/src/store/open-kept-secrets.js';
import { KeptSecretError } from '../../server/src/store/postgres/kept-secret-error.js';
import { KEPT_SECRET_NAMES, PostgresKeptSecrets } from '../../server/src/store/postgres/postgres-kept-secrets.js';
import { VAULT_MIGRATIONS } from '../../server/src/store/postgres/vault-migration.js';
import { FIXTURE_COMMITTEE, fixtureAgreementPdfInput } from '../support/agreement-pdf-fixture.js';
import { waitUntil } from '../support/headless-participant.js';
import type { KeptSecretsNodeResult } from '../support/kept-secrets-node.js';
import { operatorP12 } from '../support/operator-p12.js';
import { startPostgres, type TestPostgres } from '../support/start-postgres.js';

const committee = { id: '3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b', name: 'Riverside Committee' };
const other = { id: 'b7c1d2e3-0000-4000-8000-000000000002', name: 'Hillside Committee' };
const NODE_DEADLINE_MS = 60_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(() => postgres?.stop());

/** A fresh database with the vault's table, and pools on it that the test ends afterwards. */
let databaseUrl: string;
const pools: pg.Pool[] = [];
function pool(): pg.Pool {
  const opened = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pools.push(opened);
  return opened;
}
beforeEach(async () => {
  databaseUrl = await postgres.createDatabase();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const migration of VAULT_MIGRATIONS) await client.query(migration);
  await client.end();
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((opened) => opened.end()));
});

const rows = async () =>
  (await pool().query<{ name: string; ciphertext: Buffer; replaced_at: Date | null }>('SELECT name, ciphertext, replaced_at FROM kept_secrets ORDER BY name')).rows;
const keyBytes = (key: { export(): Buffer }) => key.export().toString('hex');

describe('secrets kept in PostgreSQL', () => {
  it('are created once when two nodes on one database create the JWT secret and a committee’s credentials at once', async () => {
    const key = randomBytes(32);
    const nodes = [new PostgresKeptSecrets(pool(), key), new PostgresKeptSecrets(pool(), key)];
    const started = await Promise.all(
      nodes.map(async (secrets) => ({
        jwt: keyBytes(await loadOrCreateSecret(secrets, undefined)),
        credentials: await loadOrCreateCommitteeCredentials(secrets, committee),
      })),
    );

    expect(started[1]!.jwt).toBe(started[0]!.jwt);
    expect(started[1]!.credentials.certificate.fingerprint).toBe(started[0]!.credentials.certificate.fingerprint);
    expect(started[1]!.credentials.p12.equals(started[0]!.credentials.p12)).toBe(true);
    expect((await rows()).map((row) => row.name)).toEqual([KEPT_SECRET_NAMES.committeeCredentials(committee.id), KEPT_SECRET_NAMES.jwtSecret, KEPT_SECRET_NAMES.rootCa]);
    // A later start of either reads the same ones back.
    expect(keyBytes(await loadOrCreateSecret(nodes[0]!, undefined))).toBe(started[0]!.jwt);
  });

  it('are created once when two node processes start at the same moment', async () => {
    const key = randomBytes(32).toString('base64');
    const nodes = [startNode(key), startNode(key)];
    try {
      await Promise.all(nodes.map((node) => node.ready));
      for (const node of nodes) node.child.stdin!.write('go\n');
      const [first, second] = await Promise.all(nodes.map((node) => node.answer()));

      expect(second).toEqual(first);
      expect((await rows()).map((row) => row.name).sort()).toEqual([KEPT_SECRET_NAMES.committeeCredentials(committee.id), KEPT_SECRET_NAMES.jwtSecret, KEPT_SECRET_NAMES.rootCa].sort());
      const here = await loadOrCreateCommitteeCredentials(new PostgresKeptSecrets(pool(), Buffer.from(key, 'base64')), committee);
      expect(here.certificate.fingerprint).toBe(first!.committeeFingerprint);
    } finally {
      for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
    }
  });

  it('keep the first value written: a second creation gets the first’s, not its own', async () => {
    const secrets = new PostgresKeptSecrets(pool(), randomBytes(32));
    expect(await secrets.jwtSecret.keepIfAbsent('first')).toBe('first');
    expect(await secrets.jwtSecret.keepIfAbsent('second')).toBe('first');
    expect(await secrets.jwtSecret.read()).toBe('first');
  });

  it('are replaced only in place of the value read: of two renewals of one certificate, the first stands', async () => {
    const credentials = new PostgresKeptSecrets(pool(), randomBytes(32)).committeeCredentials(committee.id);
    const expiring = { p12: randomBytes(64), passphrase: 'expiring' };
    const renewedHere = { p12: randomBytes(64), passphrase: 'renewed here' };
    const renewedThere = { p12: randomBytes(64), passphrase: 'renewed there' };
    await credentials.keepIfAbsent(expiring);

    expect(await credentials.replace(expiring, renewedHere)).toEqual(renewedHere);
    expect(await credentials.replace(expiring, renewedThere)).toEqual(renewedHere);
    expect(await credentials.read()).toEqual(renewedHere);
    expect((await rows())[0]!.replaced_at).toBeInstanceOf(Date);
  });

  it('renew a committee’s certificate once when two nodes find it issued by a root since replaced', async () => {
    const key = randomBytes(32);
    const nodes = [new PostgresKeptSecrets(pool(), key), new PostgresKeptSecrets(pool(), key)];
    const first = await loadOrCreateCommitteeCredentials(nodes[0]!, committee);
    await pool().query('DELETE FROM kept_secrets WHERE name = $1', [KEPT_SECRET_NAMES.rootCa]);

    const renewed = await Promise.all(nodes.map((secrets) => loadOrCreateCommitteeCredentials(secrets, committee)));

    expect(renewed[0]!.certificate.fingerprint).not.toBe(first.certificate.fingerprint);
    expect(renewed[1]!.certificate.fingerprint).toBe(renewed[0]!.certificate.fingerprint);
    const root = (await nodes[0]!.rootCa.read())!;
    expect(forge.pki.certificateFromPem(root.certificatePem).verify(forge.pki.certificateFromPem(renewed[0]!.certificate.pem))).toBe(true);
  });

  it('cannot be read with another SECRETS_KEY: a clear error, and the kept ones are left as they are', async () => {
    const kept = new PostgresKeptSecrets(pool(), randomBytes(32));
    const jwt = keyBytes(await loadOrCreateSecret(kept, undefined));
    await loadOrCreateCommitteeCredentials(kept, committee);
    const wrong = new PostgresKeptSecrets(pool(), randomBytes(32));

    await expect(loadOrCreateSecret(wrong, undefined)).rejects.toThrow(KeptSecretError);
    await expect(loadOrCreateSecret(wrong, undefined)).rejects.toThrow('"jwt-secret" was encrypted under another SECRETS_KEY than the one configured');
    await expect(loadOrCreateCommitteeCredentials(wrong, committee)).rejects.toThrow(/another SECRETS_KEY/);
    expect(keyBytes(await loadOrCreateSecret(kept, undefined))).toBe(jwt);
  });

  it('refuse a sealed value moved to another name, or altered', async () => {
    const secrets = new PostgresKeptSecrets(pool(), randomBytes(32));
    await loadOrCreateSecret(secrets, undefined);
    await loadOrCreateCommitteeCredentials(secrets, committee);
    await loadOrCreateCommitteeCredentials(secrets, other);
    const moveTo = async (to: string, from: string) => {
      const moved = await pool().query('UPDATE kept_secrets SET ciphertext = (SELECT ciphertext FROM kept_secrets WHERE name = $2) WHERE name = $1', [to, from]);
      expect(moved.rowCount).toBe(1);
    };

    // One committee's key and certificate copied over another's: that committee must not sign with them.
    await moveTo(KEPT_SECRET_NAMES.committeeCredentials(other.id), KEPT_SECRET_NAMES.committeeCredentials(committee.id));
    await expect(loadOrCreateCommitteeCredentials(secrets, other)).rejects.toThrow('fails its integrity check: it was altered, or moved from another name');
    await moveTo(KEPT_SECRET_NAMES.jwtSecret, KEPT_SECRET_NAMES.rootCa);
    await expect(loadOrCreateSecret(secrets, undefined)).rejects.toThrow(KeptSecretError);

    // One bit of the last byte flipped.
    const altered = await pool().query(
      'UPDATE kept_secrets SET ciphertext = set_byte(ciphertext, length(ciphertext) - 1, get_byte(ciphertext, length(ciphertext) - 1) # 1) WHERE name = $1',
      [KEPT_SECRET_NAMES.rootCa],
    );
    expect(altered.rowCount).toBe(1);
    await expect(secrets.rootCa.read()).rejects.toThrow(/fails its integrity check/);
  });

  it('hold no secret in the clear: no JWT secret, key, PKCS#12 or passphrase appears in any row', async () => {
    const secrets = new PostgresKeptSecrets(pool(), randomBytes(32));
    await loadOrCreateSecret(secrets, undefined);
    const credentials = await loadOrCreateCommitteeCredentials(secrets, committee);
    const jwt = (await secrets.jwtSecret.read())!;
    const root = (await secrets.rootCa.read())!;
    const rootKeyDer = Buffer.from(forge.asn1.toDer(forge.pki.privateKeyToAsn1(forge.pki.privateKeyFromPem(root.keyPem))).getBytes(), 'binary');
    const rootKeyBase64 = root.keyPem.split('\n')[1]!;
    const needles = [
      Buffer.from(jwt),
      Buffer.from(credentials.passphrase),
      credentials.p12.subarray(0, 32),
      credentials.p12.subarray(-32),
      rootKeyDer.subarray(-32),
      Buffer.from(rootKeyBase64),
      Buffer.from(root.certificatePem.split('\n')[1]!),
      Buffer.from('PRIVATE KEY'),
      Buffer.from(credentials.p12.toString('base64').slice(0, 32)),
    ];

    const kept = await rows();
    expect(kept).toHaveLength(3);
    for (const row of kept) {
      for (const needle of needles) expect([row.name, row.ciphertext.includes(needle)]).toEqual([row.name, false]);
    }
  });
});

describe('the issuing thread on secrets kept in PostgreSQL', () => {
  let dataDir: string;
  let threads: IssuingThread[];
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-secrets-'));
    threads = [];
  });
  afterEach(async () => {
    await Promise.all(threads.map((thread) => thread.close()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('of two nodes issue with the one committee certificate kept in the database, and write no certificate file', async () => {
    const place = { dataDir, databaseUrl, secretsKey: randomBytes(32) };
    threads = [new IssuingThread(place), new IssuingThread(place)];
    const fixtureCommittee = { id: committee.id, name: FIXTURE_COMMITTEE };
    const subjects = await Promise.all(threads.map((thread) => thread.prepareCommittee(fixtureCommittee)));
    expect(subjects[1]).toBe(subjects[0]);

    // Fixed inputs give fixed bytes: the same PDF from either node means the same key and certificate.
    const input = fixtureAgreementPdfInput();
    const pdfs = await Promise.all(threads.map(async (thread) => Buffer.from(await thread.renderAgreementPdf(input, fixtureCommittee))));
    expect(pdfs[0]!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfs[1]!.equals(pdfs[0]!)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'certificates'))).toBe(false);
    expect((await rows()).map((row) => row.name)).toContain(KEPT_SECRET_NAMES.committeeCredentials(committee.id));
  });

  it('sign with the operator’s own PKCS#12 when one is configured, keeping nothing of the install’s own', async () => {
    const p12Path = path.join(dataDir, 'operator.p12');
    fs.writeFileSync(p12Path, operatorP12('operator secret'));
    const thread = new IssuingThread({ dataDir, databaseUrl, secretsKey: randomBytes(32) }, { path: p12Path, passphrase: 'operator secret' });
    threads = [thread];
    expect(await thread.prepareCommittee(committee)).toBe('Operator Mediation Committee');
    expect(await rows()).toEqual([]);
  });
});

describe('opening the kept secrets', () => {
  it('gives the data directory’s files without DATABASE_URL, and the database’s table through the store’s pool with it', async () => {
    const files = await openKeptSecrets({ dataDir: os.tmpdir() }, undefined);
    expect(files.secrets).toBeInstanceOf(FileKeptSecrets);
    const shared = pool();
    const database = await openKeptSecrets({ dataDir: os.tmpdir(), databaseUrl, secretsKey: randomBytes(32) }, shared);
    expect(database.secrets).toBeInstanceOf(PostgresKeptSecrets);
    expect(await database.secrets.jwtSecret.keepIfAbsent('kept')).toBe('kept');
    await database.close();
    // The store's pool is the store's to end.
    expect((await shared.query('SELECT count(*)::int AS n FROM kept_secrets')).rows[0].n).toBe(1);
  });
});

interface StartedNode {
  child: ChildProcess;
  ready: Promise<void>;
  /** What the node printed once told to go. */
  answer(): Promise<KeptSecretsNodeResult>;
}

/** A node process (test/support/kept-secrets-node.ts) on this test's database, waiting for "go". */
function startNode(secretsKey: string): StartedNode {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/kept-secrets-node.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, SECRETS_KEY: secretsKey, COMMITTEE_ID: committee.id },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const ready = waitUntil(() => {
    if (exited() && !lines.includes('ready')) throw new Error(`the node exited (${child.exitCode}) before it was ready`);
    return lines.includes('ready');
  }, NODE_DEADLINE_MS);
  const answer = async () => {
    await waitUntil(() => {
      const answered = lines.some((line) => line.startsWith('{'));
      if (!answered && exited()) throw new Error(`the node exited (${child.exitCode}) without an answer`);
      return answered;
    }, NODE_DEADLINE_MS);
    return JSON.parse(lines.find((line) => line.startsWith('{'))!) as KeptSecretsNodeResult;
  };
  return { child, ready, answer };
}
