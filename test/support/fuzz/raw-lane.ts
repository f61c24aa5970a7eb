import { ServerEvent, type WelcomePayload } from '@mediation/shared';
import type { RawInput } from './fuzz-input.js';
import { resolveRefsInText } from './input-references.js';
import type { LaneKnowledge } from './lane-knowledge.js';
import { RawConnection, type ServerPacket } from './raw-connection.js';
import type { LaneObserver, SendOutcome } from './socket-lane.js';

const EVENT = 2;
const ACK = 3;
const CONNECT = 0;
const CONNECT_ERROR = 4;

/**
 * One fuzzing participant on a bare WebSocket: it does the Socket.IO connect itself
 * (`40{"token":…,"roomId":…}`), then writes each input's frames as they are.
 */
export class RawLane {
  private connection: RawConnection | null = null;
  private closeExpected = false;
  reconnects = 0;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly auth: { token: string; roomId: string },
    readonly knowledge: LaneKnowledge,
    private readonly observer: LaneObserver,
    private readonly ackTimeoutMs: number,
  ) {}

  async send(input: RawInput): Promise<SendOutcome> {
    const connection = await this.connected();
    const frames = await Promise.all(
      input.frames.map((frame) => (typeof frame === 'string' ? resolveRefsInText(frame, (name) => this.knowledge.lookUp(name)) : frame)),
    );
    if (input.mayClose) this.closeExpected = true;
    const started = performance.now();
    const answer = input.ackId === null ? null : connection.waitFor((packet) => packet.type === ACK && packet.id === input.ackId, this.ackTimeoutMs);
    // Frames are whole Engine.IO packets (`42…` is a message holding a Socket.IO event).
    for (const frame of frames) connection.send(frame);
    if (!answer) return { kind: 'sent' };
    const packet = await answer;
    if (packet) return { kind: 'answered', answer: Array.isArray(packet.data) ? packet.data[0] : packet.data, ms: performance.now() - started };
    if (!connection.isOpen) return { kind: 'closed', expected: this.closeExpected };
    return { kind: 'timeout', ms: performance.now() - started };
  }

  /** Connects now rather than with the first input. */
  async open(): Promise<void> {
    await this.connected();
  }

  close(): void {
    this.connection?.close();
    this.connection = null;
  }

  private async connected(): Promise<RawConnection> {
    if (this.connection?.isOpen) return this.connection;
    if (this.connection) this.reconnects++;
    this.connection?.close();
    const connection = await RawConnection.connect(this.url);
    connection.onPacket((packet) => this.onPacket(connection, packet));
    const welcome = connection.waitFor((packet) => packet.type === EVENT && (packet.data as unknown[])[0] === ServerEvent.welcome, 15_000);
    const accepted = connection.waitFor((packet) => packet.type === CONNECT || packet.type === CONNECT_ERROR, 15_000);
    connection.send(`40${JSON.stringify(this.auth)}`);
    const answer = await accepted;
    if (answer?.type !== CONNECT) {
      connection.close();
      throw new Error(`${this.name} could not connect: ${JSON.stringify(answer?.data ?? 'no answer')}`);
    }
    const welcomed = await welcome;
    if (!welcomed) {
      connection.close();
      throw new Error(`${this.name} got no welcome`);
    }
    this.knowledge.connected((welcomed.data as [string, WelcomePayload])[1]);
    this.connection = connection;
    this.closeExpected = false;
    return connection;
  }

  private onPacket(connection: RawConnection, packet: ServerPacket): void {
    if (packet.type !== EVENT || !Array.isArray(packet.data)) return;
    const [event, payload] = packet.data as [string, unknown];
    this.knowledge.pushed(event, payload);
    this.observer.pushed(this.name, event, payload);
    // The server asks for an answer to consumers it offers: attach them all.
    if (packet.id !== null && event === ServerEvent.consumersAdded && Array.isArray(payload)) {
      connection.send(`43${packet.id}${JSON.stringify([{ consumerIds: (payload as { id: string }[]).map((consumer) => consumer.id) }])}`);
    }
  }
}
