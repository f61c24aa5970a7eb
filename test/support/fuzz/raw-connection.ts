import WebSocket from 'ws';
import type { RawFrame } from './fuzz-input.js';

/** A Socket.IO packet the server sent: its type (0 connect, 2 event, 3 ack, 4 connect error), ack id and JSON. */
export interface ServerPacket {
  type: number;
  /** `/` unless the packet names another namespace. */
  namespace: string;
  id: number | null;
  data: unknown;
}

/**
 * A bare WebSocket speaking Engine.IO 4 by hand: it waits for the open packet, answers the
 * server's pings and reads the server's Socket.IO packets; whatever it is told to send, it
 * sends as it is.
 */
export class RawConnection {
  private readonly listeners = new Set<(packet: ServerPacket) => void>();
  readonly closed: Promise<void>;
  private open = true;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    void this.closed.then(() => (this.open = false));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onText(data.toString());
    });
  }

  /** Connects and resolves on Engine.IO's open packet. */
  static connect(baseUrl: string, timeoutMs = 10_000): Promise<RawConnection> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('no Engine.IO open packet in time'));
      }, timeoutMs);
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.once('message', (data) => {
        clearTimeout(timer);
        if (data.toString().startsWith('0')) resolve(new RawConnection(ws));
        else reject(new Error(`expected the open packet, got ${data.toString().slice(0, 40)}`));
      });
    });
  }

  get isOpen(): boolean {
    return this.open && this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: RawFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(frame, { binary: typeof frame !== 'string' });
  }

  onPacket(listener: (packet: ServerPacket) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first packet that `accept` takes, or null when the connection closes or time runs out. */
  waitFor(accept: (packet: ServerPacket) => boolean, timeoutMs: number): Promise<ServerPacket | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), timeoutMs);
      const stop = this.onPacket((packet) => {
        if (accept(packet)) done(packet);
      });
      void this.closed.then(() => done(null));
      function done(packet: ServerPacket | null) {
        clearTimeout(timer);
        stop();
        resolve(packet);
      }
    });
  }

  close(): void {
    this.ws.terminate();
  }

  private onText(text: string): void {
    if (text === '2') {
      this.send('3');
      return;
    }
    if (!text.startsWith('4')) return;
    const packet = parseSocketIoPacket(text.slice(1));
    if (packet) for (const listener of [...this.listeners]) listener(packet);
  }
}

/**
 * `2[...]`, `312[...]`, `0{...}`, `4/admin,{...}`: type, optional namespace, optional ack id,
 * JSON (the server sends no attachments).
 */
function parseSocketIoPacket(text: string): ServerPacket | null {
  const match = /^(\d)(\/[^,]*,)?(\d*)(.*)$/s.exec(text);
  if (!match) return null;
  let data: unknown;
  try {
    data = match[4] ? JSON.parse(match[4]) : undefined;
  } catch {
    return null;
  }
  return { type: Number(match[1]), namespace: match[2] ? match[2].slice(0, -1) : '/', id: match[3] ? Number(match[3]) : null, data };
}
