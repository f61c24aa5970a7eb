import type { AnyErrorCode } from '../errors/coded-error';

/** Why the participant is no longer in the room; every case offers to rejoin. */
export type RoomEnd =
  /** The person pressed Leave. */
  | { reason: 'left' }
  /** The person (the mediator) ended the session for everyone. */
  | { reason: 'ended' }
  /** The handshake was refused (token problems, room full). */
  | { reason: 'refused'; code: AnyErrorCode }
  /** The server closed the room under the participant (`room:closed`). */
  | { reason: 'closed'; code: AnyErrorCode }
  /** The server dropped the connection without saying why. */
  | { reason: 'disconnected' }
  /** Audio and video could not be set up. */
  | { reason: 'failed'; code: AnyErrorCode };
