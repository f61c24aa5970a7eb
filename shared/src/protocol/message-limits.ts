import { MAX_PARTICIPANTS_PER_ROOM } from '../domain/roles.js';

/**
 * Every limit on what a client may send, each one number defined here and nowhere else.
 * The server refuses a message over a limit with a code before it stores or forwards
 * anything; the client keeps to the same numbers.
 */

/** The largest y-protocols message a client may send: a long offline edit, not a file. */
export const MAX_DRAFT_MESSAGE_BYTES = 512 * 1024;

/** The largest drawn signature accepted: a PNG of a signature pad, not a photo. */
export const MAX_SIGNATURE_IMAGE_BYTES = 200 * 1024;

/**
 * The largest drawn signature in pixels. A signature pad is at most 600 × 200 CSS pixels at
 * twice the device's pixel ratio, cropped to the ink; a PNG can declare any size in a few
 * bytes, and decoding one the size of a wall would take the issuing thread's memory.
 */
export const MAX_SIGNATURE_IMAGE_WIDTH = 2000;
export const MAX_SIGNATURE_IMAGE_HEIGHT = 1000;

/** One awareness state (a caret: name, colour, anchor and head) as JSON; a real one is about 300 bytes. */
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;

/**
 * Awareness client ids one connection may speak for in one document over its life: its
 * Y.Doc's own, and a new one should Yjs ever change it.
 */
export const MAX_AWARENESS_CLIENTS_PER_SENDER = 4;

/** Awareness states one document holds at most: everyone in the room at their limit. */
export const MAX_AWARENESS_STATES_PER_DOCUMENT = MAX_PARTICIPANTS_PER_ROOM * MAX_AWARENESS_CLIENTS_PER_SENDER;

/**
 * Cameras send this many simulcast layers (client/src/media/simulcast-encodings.ts); a
 * viewer's `media:prefer-layers` names one by its index, 0 the smallest.
 */
export const SIMULCAST_LAYERS = 3;

/** How deep a client event's payload may nest: the deepest real one (RTP parameters) is about 6. */
export const MAX_PAYLOAD_DEPTH = 16;

/** Values (object entries, array items) a client event's payload may hold in all: RTP capabilities are a few hundred. */
export const MAX_PAYLOAD_VALUES = 10_000;

/** Characters of base64 that carry `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/**
 * The largest WebSocket message the server reads at all (Socket.IO's maxHttpBufferSize).
 * Twice the largest valid payload, base64 included, plus the event's JSON around it: a
 * message over a limit but under this one is read and refused with VALIDATION_FAILED and a
 * reason; only one far beyond any valid message closes the connection unread. Signature
 * images travel as binary attachments, each a WebSocket message of its own.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 2 * Math.max(base64Length(MAX_DRAFT_MESSAGE_BYTES), MAX_SIGNATURE_IMAGE_BYTES) + 64 * 1024;
