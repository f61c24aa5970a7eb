import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TEST_MEDIATOR, type TestService } from './start-test-service.js';

export interface DemoSession {
  caseId: string;
  mediatorUrl: string;
  partyUrls: string[];
}

/** Runs `npm run demo-session` against a test service and parses its one line of JSON. */
export async function runDemoSession(
  service: Pick<TestService, 'url' | 'dataDir'>,
  mediatorEmail = TEST_MEDIATOR.email,
  /** The demo's parties wait in the lobby; tests of other things let them straight in. */
  options: { waitingRoom?: boolean } = {},
): Promise<DemoSession> {
  const flags = options.waitingRoom ? [] : ['--', '--no-waiting-room'];
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'demo-session', ...flags], {
    env: { ...process.env, DATA_DIR: service.dataDir, DEMO_MEDIATOR_EMAIL: mediatorEmail, SERVICE_URL: service.url },
  });
  const lines = stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`demo-session printed ${lines.length} lines:\n${stdout}`);
  return JSON.parse(lines[0]!) as DemoSession;
}
