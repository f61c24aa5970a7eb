import http from 'node:http';
import net from 'node:net';

export type HttpOutcome =
  | { kind: 'answered'; status: number; body: string; ms: number }
  /** The server closed the connection without a status line (it may, for bytes that are not HTTP). */
  | { kind: 'closed'; ms: number }
  | { kind: 'timeout'; ms: number }
  /** node:http refused to send it (a method or header it does not allow); nothing reached the server. */
  | { kind: 'unsendable'; reason: string };

/** The first bytes of a body kept to look for leaks. */
const BODY_KEPT = 8 * 1024;

export interface HttpRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: Uint8Array | null;
}

export function sendHttp(baseUrl: string, request: HttpRequest, timeoutMs: number): Promise<HttpOutcome> {
  const { hostname, port } = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let req: http.ClientRequest;
    try {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of request.headers) headers[name] = value;
      if (request.body) headers['content-length'] = String(request.body.byteLength);
      req = http.request({ hostname, port, method: request.method, path: request.path, headers, agent: false, timeout: timeoutMs });
    } catch (error) {
      finish({ kind: 'unsendable', reason: String(error) });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < BODY_KEPT) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () => finish({ kind: 'answered', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_KEPT), ms: performance.now() - started }));
      res.on('error', () => finish({ kind: 'answered', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
    });
    req.on('timeout', () => {
      finish({ kind: 'timeout', ms: performance.now() - started });
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A server that stops reading a large body answers (413) and closes: the write fails after the answer.
      finish(error.code === 'ERR_INVALID_CHAR' || error.code === 'ERR_INVALID_HTTP_TOKEN' ? { kind: 'unsendable', reason: error.message } : { kind: 'closed', ms: performance.now() - started });
    });
    if (request.body) req.end(Buffer.from(request.body));
    else req.end();
  });
}

/** Writes `bytes` on a TCP connection as they are and reads the status line of the answer, if any. */
export function sendRawHttp(baseUrl: string, bytes: Uint8Array, timeoutMs: number): Promise<HttpOutcome> {
  const { hostname, port } = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const ms = performance.now() - started;
      if (status) resolve({ kind: 'answered', status: Number(status[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4, BODY_KEPT), ms });
      else resolve(timedOut ? { kind: 'timeout', ms } : { kind: 'closed', ms });
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      finish();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One answer is enough: a keep-alive connection would otherwise wait for the timeout.
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) setTimeout(finish, 50);
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(Buffer.from(bytes));
      // Half-close after a moment: a request that promised more body than it sent gets no more.
      setTimeout(() => socket.end(), 200);
    });
  });
}
