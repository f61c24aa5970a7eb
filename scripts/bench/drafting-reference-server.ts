/**
 * The reference of the `drafting` benchmark, in its own process: @y/websocket-server's
 * `setupWSConnection` behind a `ws` server, without persistence (as in its published
 * figures). Prints `{"port":N}` once listening; answers each `cpu` or `memory` line on
 * stdin with a JSON line of its usage.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { serverUsage } from './drafting-server-usage.js';

const server = http.createServer();
const sockets = new WebSocketServer({ server });
sockets.on('connection', (socket, request) => setupWSConnection(socket, request));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');

for await (const line of createInterface({ input: process.stdin })) {
  process.stdout.write(JSON.stringify(serverUsage(line === 'memory')) + '\n');
}
process.exit(0);
