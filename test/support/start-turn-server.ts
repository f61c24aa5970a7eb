import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TurnServer {
  url: string;
  secret: string;
  /** Freezes the server (SIGSTOP): whatever it relays stops, as if its network were gone. */
  freeze(): void;
  /** Lets a frozen server run again; its allocations are still there. */
  thaw(): void;
  stop(): Promise<void>;
}

/** coturn's default range is 16,384 ports; a benchmark's many reconnections and ICE restarts need hundreds. */
const RELAY_PORTS = 1000;

/** A free TCP port on loopback (coturn listens on the same number for UDP). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Debian's coturn on loopback, in a temporary folder, with the TURN REST API's shared secret
 * (`use-auth-secret`), as an operator would run it beside the service; stopped afterwards.
 */
export async function startTurnServer(): Promise<TurnServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turn-'));
  const port = await freePort();
  // Every peer connection of every page allocates relay ports, and a closed one holds its
  // allocation until it times out: enough ports for several rounds of reconnections.
  const relayFrom = 49152 + Math.floor(Math.random() * 15) * RELAY_PORTS;
  const secret = `turn-secret-${process.pid}-${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    'turnserver',
    [
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${relayFrom}`,
      `--max-port=${relayFrom + RELAY_PORTS - 1}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=mediation.test',
      '--allow-loopback-peers',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--fingerprint',
      `--userdb=${path.join(dir, 'turn.db')}`,
      `--pidfile=${path.join(dir, 'turn.pid')}`,
      `--log-file=${path.join(dir, 'turn.log')}`,
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await answersStun(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`coturn did not start:\n${output}`);
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGCONT');
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a STUN binding request to the port is answered within a moment: coturn is up. */
function answersStun(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0);
    request.writeUInt32BE(0x2112a442, 4);
    randomBytes(12).copy(request, 8);
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), 200);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}
