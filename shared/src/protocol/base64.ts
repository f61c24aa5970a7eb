import { fromBase64 as decode, toBase64 as encode } from 'lib0/buffer';

/**
 * Binary y-protocols messages travel base64-encoded inside the event's JSON: Socket.IO
 * would send a binary attachment as a second WebSocket frame, doubling the frames of the
 * most frequent message there is.
 */
export type Base64 = string;

export function toBase64(bytes: Uint8Array): Base64 {
  return encode(bytes);
}

export function fromBase64(text: Base64): Uint8Array {
  return decode(text);
}

export const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
