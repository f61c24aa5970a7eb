/**
 * The reference of the `drafting` benchmark, in its own process: @y/websocket-server's
 * `setupWSConnection` behind a `ws` server, persisting to y-leveldb when YPERSISTENCE names
 * a directory (its own switch) and keeping documents in memory only otherwise. Prints
 * `{"port":N}` once listening; answers each `cpu` (the measured window opens) or `memory`
 * (it closes) line on stdin with a JSON line of its usage. With DRAFTING_SERVER_PROFILE
 * set, profiles the window into that directory.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { WebSocketServer } from 'ws';
import { startCpuProfile } from './cpu-profile.js';
import { serverUsage } from './drafting-server-usage.js';

// The package announces its persistence with console.info, and stdout carries replies only.
console.info = (...args: unknown[]) => console.error(...args);
const { setupWSConnection } = await import('@y/websocket-server/utils');

const server = http.createServer();
const sockets = new WebSocketServer({ server });
sockets.on('connection', (socket, request) => setupWSConnection(socket, request));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');

const profileDir = process.env.DRAFTING_SERVER_PROFILE;
let stopProfile: (() => Promise<string>) | null = null;
for await (const line of createInterface({ input: process.stdin })) {
  const windowCloses = line === 'memory';
  if (windowCloses && stopProfile) process.stderr.write(`  profile: ${await stopProfile()}\n`);
  const usage = serverUsage(windowCloses);
  if (!windowCloses && profileDir) stopProfile = await startCpuProfile(profileDir, 'reference-server');
  process.stdout.write(JSON.stringify(usage) + '\n');
}
process.exit(0);
