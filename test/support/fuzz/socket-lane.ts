import { io, type Socket } from 'socket.io-client';
import { ServerEvent, type ErrorBody, type WelcomePayload } from '@mediation/shared';
import type { SocketInput } from './fuzz-input.js';
import { resolveRefs } from './input-references.js';
import type { LaneKnowledge } from './lane-knowledge.js';
import { Prng } from './prng.js';

/** How a sent input ended on a connection. */
export type SendOutcome =
  | { kind: 'answered'; answer: unknown; ms: number }
  | { kind: 'sent' }
  /** The connection closed before an answer; `expected` when an input sent on it may close it. */
  | { kind: 'closed'; expected: boolean }
  | { kind: 'timeout'; ms: number }
  /** This side could not send it (the client library refused); nothing reached the server. */
  | { kind: 'unsendable'; reason: string };

/** Sees every push a fuzzing connection gets, to check it. */
export interface LaneObserver {
  pushed(lane: string, event: string, payload: unknown): void;
}

/**
 * One fuzzing participant over socket.io-client: connects with its join link, keeps what
 * it learns, and sends inputs one at a time, reconnecting when an input (or the server)
 * closed the connection.
 */
export class SocketLane {
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  /** An input sent on the current connection may close it (too large, a reserved name, `room:leave`). */
  private closeExpected = false;
  reconnects = 0;
  readonly prng: Prng;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly auth: { token: string; roomId: string },
    readonly knowledge: LaneKnowledge,
    private readonly observer: LaneObserver,
    private readonly ackTimeoutMs: number,
    seed: number,
  ) {
    this.prng = new Prng(seed);
  }

  async send(input: SocketInput): Promise<SendOutcome> {
    const socket = await this.connected();
    const args = (await resolveRefs(input.args, (name) => this.knowledge.lookUp(name))) as unknown[];
    if (input.mayClose || input.event === 'room:leave') this.closeExpected = true;
    const started = performance.now();
    if (!input.acknowledged) {
      try {
        (socket.emit as (event: unknown, ...rest: unknown[]) => void)(input.event, ...args);
      } catch (error) {
        return { kind: 'unsendable', reason: String(error) };
      }
      return { kind: 'sent' };
    }
    return new Promise<SendOutcome>((resolve) => {
      const timer = setTimeout(() => finish({ kind: 'timeout', ms: performance.now() - started }), this.ackTimeoutMs);
      const onDisconnect = () => finish({ kind: 'closed', expected: this.closeExpected });
      const finish = (outcome: SendOutcome) => {
        clearTimeout(timer);
        socket.off('disconnect', onDisconnect);
        resolve(outcome);
      };
      socket.once('disconnect', onDisconnect);
      try {
        (socket.emit as (event: unknown, ...rest: unknown[]) => void)(input.event, ...args, (answer: unknown) => {
          this.knowledge.answered(input.event, args[0], answer);
          finish({ kind: 'answered', answer, ms: performance.now() - started });
        });
      } catch (error) {
        finish({ kind: 'unsendable', reason: String(error) });
      }
    });
  }

  /** Connects now rather than with the first input. */
  async open(): Promise<void> {
    await this.connected();
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private connected(): Promise<Socket> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<Socket> {
    if (this.socket) this.reconnects++;
    this.socket?.close();
    const socket = io(this.url, { auth: this.auth, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.onAny((event: string, payload: unknown) => this.onPush(event, payload));
    socket.on(ServerEvent.consumersAdded, (consumers: { id: string }[], ack: (attached: unknown) => void) => {
      // Attach them, some of them, or answer nonsense: the server must cope with any of it.
      const answer = this.prng.weighted<() => unknown>([
        [() => ({ consumerIds: consumers.map((consumer) => consumer.id) }), 6],
        [() => ({ consumerIds: [] }), 1],
        [() => ({ consumerIds: ['nope', 42] }), 1],
        [() => null, 1],
      ])();
      if (!this.prng.chance(0.1)) ack(answer);
    });
    const welcome = await new Promise<WelcomePayload>((resolve, reject) => {
      socket.once(ServerEvent.welcome, resolve);
      socket.once('connect_error', (error: Error & { data?: ErrorBody }) => reject(new Error(`${this.name} could not connect: ${error.data?.code ?? error.message}`)));
      socket.once(ServerEvent.roomClosed, (reason: ErrorBody) => reject(new Error(`${this.name} was refused: ${reason.code}`)));
      setTimeout(() => reject(new Error(`${this.name} got no welcome within 15 s`)), 15_000);
    }).catch((error: unknown) => {
      socket.close();
      throw error;
    });
    this.socket = socket;
    this.closeExpected = false;
    this.knowledge.connected(welcome);
    return socket;
  }

  private onPush(event: string, payload: unknown): void {
    this.knowledge.pushed(event, payload);
    this.observer.pushed(this.name, event, payload);
  }
}
