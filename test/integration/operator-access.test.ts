import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@mediation/shared';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { certificateFiles } from '../../server/src/signing/certificates/certificate-files.js';
import { DATABASE_FILE } from '../../server/src/store/sqlite/sqlite-store.js';
import { freePort } from '../support/service-process.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const TOKEN = 'operator-token-0123456789abcdef';
const PROMETHEUS_NAMES = ['mediation_rooms', 'mediation_participants', 'mediasoup_worker_cpu_seconds{worker="0"}'];

describe('/metrics with METRICS_TOKEN', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => service.stop());

  it('is Prometheus text for the operator’s bearer token on the main port', async () => {
    const response = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of PROMETHEUS_NAMES) expect(text).toContain(name);
  });

  it('is refused with UNAUTHENTICATED without the token or with another one', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }];
    for (const headers of attempts) {
      const response = await fetch(`${service.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ code: ErrorCode.unauthenticated });
    }
  });
});

describe('/metrics with METRICS_PORT', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ METRICS_PORT: String(await freePort()) });
  });
  afterAll(() => service.stop());

  it('is served on its own listener, on loopback, and not on the main port', async () => {
    expect(service.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${service.metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    for (const name of PROMETHEUS_NAMES) expect(await response.clone().text()).toContain(name);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${service.url}/metrics`)).status).toBe(404);
  });

  it('serves nothing else there', async () => {
    for (const address of ['/healthz', '/api/cases', '/']) {
      const response = await fetch(`${service.metricsUrl}${address}`);
      expect([address, response.status]).toEqual([address, 404]);
    }
  });
});

describe('the data directory of an older install', () => {
  let service: TestService;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'older-install-'));
    fs.chmodSync(dataDir, 0o755);
    // What an install made before modes were set left behind: open to everyone.
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), '', { mode: 0o644 });
    await loadOrCreateCommitteeCredentials(new FileKeptSecrets(dataDir), { id: 'older-committee', name: 'Older committee' });
    const files = certificateFiles(dataDir);
    fs.chmodSync(files.dir, 0o755);
    for (const file of fs.readdirSync(files.dir)) fs.chmodSync(path.join(files.dir, file), 0o644);
    service = await startTestService({ DATA_DIR: dataDir });
  }, 60_000);
  afterAll(async () => {
    await service.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is readable by the service’s user only once the service has started, the database and certificates included', () => {
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect([suffix, mode(path.join(dataDir, DATABASE_FILE + suffix))]).toEqual([suffix, 0o600]);
    const { dir } = certificateFiles(dataDir);
    expect(mode(dir)).toBe(0o700);
    for (const file of fs.readdirSync(dir)) expect([file, mode(path.join(dir, file))]).toEqual([file, 0o600]);
  });
});
