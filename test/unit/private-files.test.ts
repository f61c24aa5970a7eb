import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../server/src/auth/load-or-create-secret.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { certificateFiles, restrictCertificateFiles } from '../../server/src/signing/certificates/certificate-files.js';
import { FileKeptSecrets, SECRET_FILE } from '../../server/src/store/files/file-kept-secrets.js';
import { DATABASE_FILE, openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import { addCommitteeWithMediator } from '../support/add-committee.js';

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const committee = { id: 'c1', name: 'Committee' };

let parent: string;
let dataDir: string;
beforeEach(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'private-files-'));
  dataDir = path.join(parent, 'data');
});
afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

/** The files of an install made before modes were set: open to everyone, as a 022 umask leaves them. */
function olderInstall(): void {
  fs.mkdirSync(dataDir, { mode: 0o755 });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x)');
  for (const suffix of ['', '-wal', '-shm']) fs.chmodSync(path.join(dataDir, DATABASE_FILE + suffix), 0o644);
  fs.writeFileSync(path.join(dataDir, SECRET_FILE), 'an older secret', { mode: 0o644 });
  fs.chmodSync(path.join(dataDir, SECRET_FILE), 0o644);
  db.close();
  // better-sqlite3 removes the WAL files on a clean close; an older install that crashed keeps them.
  for (const suffix of ['-wal', '-shm']) fs.writeFileSync(path.join(dataDir, DATABASE_FILE + suffix), '', { mode: 0o644 });
  for (const suffix of ['-wal', '-shm']) fs.chmodSync(path.join(dataDir, DATABASE_FILE + suffix), 0o644);
}

describe('the data directory', () => {
  it('is made readable by the service’s user only, with the database and its WAL files', async () => {
    const previous = process.umask(0o022);
    try {
      await loadOrCreateSecret(new FileKeptSecrets(dataDir), undefined);
      const store = openSqliteStore(dataDir);
      await addCommitteeWithMediator(store, { id: 'c1', name: 'Committee', createdAt: '2026-12-01T00:00:00.000Z' }, { id: 'a1', email: 'm@x.org', displayName: 'M', passwordHash: 'x' });
      expect(mode(dataDir)).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(mode(path.join(dataDir, DATABASE_FILE + suffix))).toBe(0o600);
      expect(mode(path.join(dataDir, SECRET_FILE))).toBe(0o600);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('of an older install, open to everyone, is restricted when the service opens it', async () => {
    olderInstall();
    await loadOrCreateSecret(new FileKeptSecrets(dataDir), undefined);
    const store = openSqliteStore(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(mode(path.join(dataDir, DATABASE_FILE + suffix))).toBe(0o600);
    expect(mode(path.join(dataDir, SECRET_FILE))).toBe(0o600);
    await store.close();
  });
});

describe('the certificates folder', () => {
  it('and every key, certificate and passphrase in it are readable by the service’s user only', async () => {
    const previous = process.umask(0o022);
    try {
      await loadOrCreateCommitteeCredentials(new FileKeptSecrets(dataDir), committee);
    } finally {
      process.umask(previous);
    }
    const files = certificateFiles(dataDir);
    expect(mode(files.dir)).toBe(0o700);
    for (const file of fs.readdirSync(files.dir)) expect([file, mode(path.join(files.dir, file))]).toEqual([file, 0o600]);
    expect(fs.readdirSync(files.dir).sort()).toEqual(['committee-c1.p12', 'committee-c1.p12.passphrase', 'root-ca.crt.pem', 'root-ca.key.pem']);
  });

  it('of an older install, with its root certificate readable by all, is restricted on start', async () => {
    await loadOrCreateCommitteeCredentials(new FileKeptSecrets(dataDir), committee);
    const files = certificateFiles(dataDir);
    fs.chmodSync(files.dir, 0o755);
    fs.chmodSync(files.rootCertificate, 0o644);
    fs.chmodSync(files.committeeP12('c1'), 0o644);
    await restrictCertificateFiles(dataDir);
    expect(mode(files.dir)).toBe(0o700);
    for (const file of fs.readdirSync(files.dir)) expect([file, mode(path.join(files.dir, file))]).toEqual([file, 0o600]);
  });

  it('of an install that has none yet is left alone on start', async () => {
    await restrictCertificateFiles(dataDir);
    expect(fs.existsSync(certificateFiles(dataDir).dir)).toBe(false);
  });
});
