import type { HandshakeAuth, PreparedPayload, TransportOptions } from '@mediation/shared';
import type { types as mediasoupTypes } from 'mediasoup-client';
import { ServerEvent } from '@mediation/shared';
import { MediaSession } from './media-session';
import { openRoomSocket, type RoomSocket } from './room-socket';

/**
 * A room joined ahead, while the person still looks at their own camera in the device
 * check: the socket is connected, the device loaded, the transports made and the receiving
 * one connected (PROTOCOL.md, "Joining without waiting"). Nobody in the room sees the person
 * yet. Joining hands all of it to the RoomClient, which then only enters and starts sending
 * and receiving. A preparation that is not taken is closed with the page.
 */
export class RoomPreparation {
  private readonly socket: RoomSocket;
  /** The session of the latest `room:prepared` (a reconnection prepares anew), once open. */
  private opening: Promise<MediaSession | null> = Promise.resolve(null);
  private taken = false;

  constructor(readonly auth: HandshakeAuth) {
    this.socket = openRoomSocket({ ...auth, prepare: true });
    this.socket.on(ServerEvent.prepared, (prepared) => {
      const before = this.opening;
      this.opening = before.then((session) => {
        session?.close();
        return this.open(prepared);
      });
    });
  }

  /** For the same link and room only. */
  isFor(auth: HandshakeAuth): boolean {
    return auth.token === this.auth.token && auth.roomId === this.auth.roomId;
  }

  /**
   * Hands the socket over; from here on a reconnection joins directly. The media session
   * follows (`session`), since it may still be opening.
   */
  take(): RoomSocket {
    this.taken = true;
    this.socket.off(ServerEvent.prepared);
    (this.socket.auth as HandshakeAuth).prepare = false;
    // Closed by the server meanwhile (its media worker died, say): the join connects anew.
    if (!this.socket.active) this.socket.connect();
    return this.socket;
  }

  /** The prepared session, if it matches the transports the welcome names; otherwise closed. */
  async session(send: TransportOptions | null, recv: TransportOptions): Promise<MediaSession | null> {
    const session = await this.opening;
    if (session && !session.closed && session.usesTransports(send?.id ?? null, recv.id)) return session;
    session?.close();
    return null;
  }

  /** The prepared device's receive capabilities, once it is loaded (none if preparing failed). */
  async capabilities(): Promise<mediasoupTypes.RtpCapabilities | undefined> {
    return (await this.opening)?.receiveCapabilities;
  }

  close(): void {
    if (this.taken) return;
    void this.opening.then((session) => session?.close());
    this.socket.disconnect();
  }

  private async open(prepared: PreparedPayload): Promise<MediaSession | null> {
    try {
      const session = await MediaSession.open(this.socket, prepared);
      await session.connectReceiving();
      return session;
    } catch (error) {
      // Joining makes whatever could not be prepared.
      console.warn('preparing the room ahead failed', error);
      return null;
    }
  }
}
