import http from 'node:http';
import type { Duplex } from 'node:stream';
import { ROOM_QUERY_PARAMETER, SOCKET_PATH } from '@mediation/shared';
import type { Server as EngineServer } from 'engine.io';
import type { Logger } from '../logging/logger.js';
import type { RoomDirectory } from './room-directory.js';

const ROOM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

/** The node a room's requests are relayed to. */
interface Home {
  roomId: string;
  nodeId: string;
  url: string;
}
type HomeGone = (home: Home, error: NodeJS.ErrnoException) => void;

/** Told to a client whose room has no reachable home this moment (its node just died): it tries again. */
const RETRY_AFTER_SECONDS = 1;
/** A home node that does not answer within this long is treated as gone for this request. */
const RELAY_CONNECT_TIMEOUT_MS = 2_000;

/**
 * Routes Socket.IO's requests (long-polling and the WebSocket upgrade) by the room they name:
 * this node's engine serves the rooms it hosts, and a room hosted elsewhere is relayed to
 * its home node, byte for byte, so a link works whichever node the load balancer picks.
 * Everything else is the HTTP app's.
 */
export function routeSignalling(
  server: http.Server,
  app: http.RequestListener,
  engine: EngineServer,
  directory: RoomDirectory,
  logger: Logger,
): void {
  // Rooms are named by UUIDs: anything else is served here, where the handshake refuses it,
  // so that a stranger's request places no room and writes nothing to Redis.
  const roomOf = (req: http.IncomingMessage) => {
    const roomId = new URL(req.url ?? '/', 'http://node').searchParams.get(ROOM_QUERY_PARAMETER);
    return roomId !== null && ROOM_ID.test(roomId) ? roomId : null;
  };
  const homeOf = async (req: http.IncomingMessage): Promise<'here' | Home | undefined> => {
    const roomId = roomOf(req);
    // A request naming no room is served here; the handshake refuses a room this node does not host.
    if (!roomId) return 'here';
    const home = await directory.homeOf(roomId);
    if (!home) return undefined;
    return home.id === directory.nodeId ? 'here' : { roomId, nodeId: home.id, url: home.url };
  };
  /** The home refused the connection: its process is gone, so the room is placed anew at the client's next try. */
  const homeGone = (home: Home, error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNREFUSED') return;
    directory.forget(home.nodeId, home.roomId).catch((failure: unknown) => logger.warn({ err: failure }, 'forgetting a gone node failed'));
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!isSignalling(req)) {
      app(req, res);
      return;
    }
    homeOf(req).then(
      (home) => {
        if (home === 'here') engine.handleRequest(req, res);
        else if (home === undefined) unavailable(res);
        else relayRequest(req, res, home, logger, homeGone);
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'the room directory did not answer; the client will try again');
        unavailable(res);
      },
    );
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isSignalling(req)) {
      socket.destroy();
      return;
    }
    homeOf(req).then(
      (home) => {
        if (home === 'here') engine.handleUpgrade(req, socket, head);
        else if (home === undefined) refuseUpgrade(socket);
        else relayUpgrade(req, socket, head, home, logger, homeGone);
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'the room directory did not answer; the client will try again');
        refuseUpgrade(socket);
      },
    );
  });
}

function isSignalling(req: http.IncomingMessage): boolean {
  return (req.url ?? '').startsWith(SOCKET_PATH);
}

/** The request's headers for the home node, with the client's address added to X-Forwarded-For. */
function forwardedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const forwardedFor = req.headers['x-forwarded-for'];
  const client = req.socket.remoteAddress ?? '';
  return { ...req.headers, 'x-forwarded-for': forwardedFor ? `${String(forwardedFor)}, ${client}` : client };
}

function relayRequest(req: http.IncomingMessage, res: http.ServerResponse, home: Home, logger: Logger, homeGone: HomeGone): void {
  const target = new URL(req.url ?? '/', home.url);
  const upstream = http.request(target, { method: req.method, headers: forwardedHeaders(req), timeout: RELAY_CONNECT_TIMEOUT_MS });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error('the home node did not answer')));
  upstream.on('error', (error) => {
    logger.info({ err: error, home: home.nodeId }, 'relaying to the room’s home node failed');
    homeGone(home, error);
    if (!res.headersSent) unavailable(res);
    else res.destroy();
  });
  req.pipe(upstream);
}

function relayUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, home: Home, logger: Logger, homeGone: HomeGone): void {
  const target = new URL(req.url ?? '/', home.url);
  const upstream = http.request(target, { method: req.method, headers: forwardedHeaders(req), timeout: RELAY_CONNECT_TIMEOUT_MS });
  upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
    upstream.setTimeout(0);
    const lines = [`HTTP/1.1 ${answer.statusCode ?? 101} ${answer.statusMessage ?? 'Switching Protocols'}`];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    // Either side closing closes the other: a client whose home died reconnects and is placed anew.
    upstreamSocket.pipe(socket).on('error', () => upstreamSocket.destroy());
    socket.pipe(upstreamSocket).on('error', () => socket.destroy());
    upstreamSocket.on('close', () => socket.destroy());
    socket.on('close', () => upstreamSocket.destroy());
    upstreamSocket.on('error', () => socket.destroy());
    socket.on('error', () => upstreamSocket.destroy());
  });
  upstream.on('response', (answer) => {
    // The home refused the upgrade: the client hears the same.
    socket.end(`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}\r\nConnection: close\r\n\r\n`);
    answer.resume();
  });
  upstream.on('timeout', () => upstream.destroy(new Error('the home node did not answer')));
  upstream.on('error', (error) => {
    logger.info({ err: error, home: home.nodeId }, 'relaying to the room’s home node failed');
    homeGone(home, error);
    refuseUpgrade(socket);
  });
  upstream.end();
}

function unavailable(res: http.ServerResponse): void {
  res.writeHead(503, { 'retry-after': String(RETRY_AFTER_SECONDS), 'content-type': 'text/plain' });
  res.end('The room is moving to another server; try again.');
}

function refuseUpgrade(socket: Duplex): void {
  if (socket.writable) socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nConnection: close\r\n\r\n`);
  else socket.destroy();
}
