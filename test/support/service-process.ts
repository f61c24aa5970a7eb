import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateCaseInput, CreatedCase } from '@mediation/shared';
import { waitUntil } from './headless-participant.js';
import { TEST_MEDIATOR } from './start-test-service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on 127.0.0.1, so a restarted service can come back on the same one. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The service as its own process (`server/src/main.ts`), for tests that kill it. Resolves
 * once it answers /healthz.
 */
export async function startServiceProcess(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      MEDIASOUP_WORKERS: '1',
      MEDIASOUP_LISTEN_IP: '127.0.0.1',
      RTC_PORT: '0',
      SOCKET_EVENTS_PER_SECOND: '2000',
      SOCKET_EVENT_BURST: '2000',
      DEMO_MEDIATOR_EMAIL: TEST_MEDIATOR.email,
      DEMO_MEDIATOR_PASSWORD: TEST_MEDIATOR.password,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitUntil(async () => {
    if (exited) throw new Error('the service exited while starting');
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 30_000);
  return child;
}

/** Kills the process outright (no shutdown handlers run) and waits until it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

/** Signs in as the test mediator over REST and creates a case; returns its join links. */
export async function createCaseOverHttp(baseUrl: string, request: CreateCaseInput): Promise<CreatedCase> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_MEDIATOR),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${baseUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(request),
  });
  if (!created.ok) throw new Error(`creating the case failed: ${created.status}`);
  return (await created.json()) as CreatedCase;
}
