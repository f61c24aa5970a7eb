import { refNameOf } from './input-references.js';

/**
 * One fuzz input: what is sent, on which channel, by whom. Inputs are plain data made by
 * the generators in this folder from a seed and an index; the runner sends them.
 */

/** Socket.IO clients (socket.io-client) of the first fuzz case, one per role. */
export const SOCKET_LANES = ['mediator', 'applicant', 'respondent', 'representative', 'interpreter', 'observer'] as const;
export type SocketLaneName = (typeof SOCKET_LANES)[number];

/** Hand-written Engine.IO/Socket.IO clients on a bare WebSocket, of the second fuzz case. */
export const RAW_LANES = ['mediator', 'applicant', 'observer'] as const;
export type RawLaneName = (typeof RAW_LANES)[number];

/** An event sent through socket.io-client, with or without an acknowledgement callback. */
export interface SocketInput {
  channel: 'socket';
  lane: SocketLaneName;
  event: string | number;
  args: unknown[];
  acknowledged: boolean;
  /** The server may close the connection for it (too large, reserved name) instead of answering. */
  mayClose: boolean;
}

/** A WebSocket frame: text (an Engine.IO packet) or binary (an attachment, or junk). */
export type RawFrame = string | Uint8Array;

/** Frames written as they are on an open, authenticated raw connection. */
export interface RawInput {
  channel: 'raw';
  lane: RawLaneName;
  frames: RawFrame[];
  /** The acknowledgement id the frames ask an answer for, when they are a well-formed event. */
  ackId: number | null;
  mayClose: boolean;
}

/** A fresh raw connection whose Socket.IO connect packet carries this text after `40`. */
export interface HandshakeInput {
  channel: 'handshake';
  connectPacket: string;
  /** The token is not a valid one for the room asked: the server must refuse it. */
  mustBeRefused: boolean;
}

export interface HttpInput {
  channel: 'http';
  method: string;
  path: string;
  headers: [string, string][];
  body: Uint8Array | null;
  /** Written byte for byte on a TCP connection instead of through node:http. */
  raw: Uint8Array | null;
}

/** A whole signing of a fresh case, to the issued PDF, with the signature images given. */
export interface SigningWorkflowInput {
  channel: 'workflow';
  /** One image per signer: applicant, respondent, mediator. */
  images: SignatureImageVariant[];
}

export type SignatureImageVariant = 'valid' | 'magic-then-junk' | 'huge-dimensions' | 'truncated' | 'bad-crc';

export type FuzzInputBody = SocketInput | RawInput | HandshakeInput | HttpInput | SigningWorkflowInput;

export type FuzzInput = FuzzInputBody & {
  /** The run's seed and the input's index: enough to make it again. */
  seed: number;
  index: number;
  /** The generator that made it (FUZZ_SKIP names these). */
  className: string;
};

/** A short, printable description of an input, for findings and logs. */
export function describeInput(input: FuzzInput, maxLength = 600): string {
  const printable = JSON.stringify(input, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return `<${value.byteLength} bytes: ${Buffer.from(value.subarray(0, 24)).toString('hex')}…>`;
    if (typeof value === 'string') {
      const name = refNameOf(value);
      if (name !== null) return `<${name}>`;
      if (value.length > 120) return `${value.slice(0, 100)}…<${value.length} chars>`;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  });
  return printable.length > maxLength ? `${printable.slice(0, maxLength)}…` : printable;
}
