import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '../headless-participant.js';
import { freePort } from '../service-process.js';

/** The operator's token for /metrics, where the prober reads the service's own event-loop delay. */
export const FUZZ_METRICS_TOKEN = 'fuzz-operator-metrics-token';
import { TEST_MEDIATOR } from '../start-test-service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Lines of the service's stderr kept, for the stack trace of a crash. */
const STDERR_LINES_KEPT = 200;

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of what the service wrote to stderr: a crash's stack trace is there. */
  stderrTail: string;
}

/** An error the service logged (an unexpected failure it answered with INTERNAL, or worse). */
export interface LoggedError {
  count: number;
  message: string;
  sample: string;
}

/**
 * The service as a child process (`server/src/main.ts`, as service-process.ts starts it),
 * so that a crash shows as an exit. Its log lines at error level are collected by message.
 */
export class ServiceChild {
  exit: ServiceExit | null = null;
  readonly exited: Promise<ServiceExit>;
  readonly loggedErrors = new Map<string, LoggedError>();
  private readonly stderrLines: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitedAt = performance.now();
        // Let the last lines of stderr arrive first.
        setTimeout(() => {
          this.exit = { code, signal, stderrTail: this.stderrLines.join('\n') };
          resolve(this.exit);
        }, 100);
      });
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      this.stderrLines.push(line);
      if (this.stderrLines.length > STDERR_LINES_KEPT) this.stderrLines.shift();
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => this.onLogLine(line));
  }

  static async start(env: Record<string, string>): Promise<ServiceChild> {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-fuzz-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        MEDIASOUP_WORKERS: '1',
        MEDIASOUP_LISTEN_IP: '127.0.0.1',
        RTC_PORT: '0',
        DEMO_MEDIATOR_EMAIL: TEST_MEDIATOR.email,
        DEMO_MEDIATOR_PASSWORD: TEST_MEDIATOR.password,
        METRICS_TOKEN: FUZZ_METRICS_TOKEN,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceChild(child, `http://127.0.0.1:${port}`, dataDir);
    await waitUntil(async () => {
      if (service.exit) throw new Error(`the service exited while starting:\n${service.exit.stderrTail}`);
      try {
        return (await fetch(`${service.url}/healthz`)).ok;
      } catch {
        return false;
      }
    }, 60_000);
    return service;
  }

  /** Set the moment the process is seen to exit, before `exit` (which waits for stderr). */
  exitedAt: number | null = null;

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident memory now, from /proc (null once the process is gone). */
  rssBytes(): number | null {
    return readStatusField(this.pid, 'VmRSS');
  }

  /** The most resident memory the process has had. */
  peakRssBytes(): number | null {
    return readStatusField(this.pid, 'VmHWM');
  }

  /** Stops the service (SIGTERM, then SIGKILL) and removes its data directory. */
  async stop(): Promise<void> {
    if (!this.exit) {
      this.child.kill('SIGTERM');
      const stopped = await Promise.race([this.exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
      if (!stopped) {
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private onLogLine(line: string): void {
    let entry: { level?: number; msg?: string; event?: unknown; err?: { type?: string; message?: string; stack?: string } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    if ((entry.level ?? 0) < 50) return;
    // Ids and numbers differ between occurrences of the same failure.
    const message = `${entry.msg ?? ''}${entry.event === undefined ? '' : ` (${String(entry.event).slice(0, 40)})`}: ${entry.err?.type ?? ''} ${entry.err?.message ?? ''}`
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/\d+/g, 'N')
      .slice(0, 300);
    const logged = this.loggedErrors.get(message);
    if (logged) logged.count++;
    else this.loggedErrors.set(message, { count: 1, message, sample: (entry.err?.stack ?? line).slice(0, 1500) });
  }
}

function readStatusField(pid: number, field: string): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
