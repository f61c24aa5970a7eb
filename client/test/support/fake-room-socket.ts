import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ClientEvent, ErrorCode, fromBase64, isEmptyUpdate, ServerEvent, toBase64, type ErrorCode as ErrorCodeValue } from '@mediation/shared';
import type { RoomSocket } from '../../src/room/room-socket';

type Ack = (timeoutError: Error | null, response?: unknown) => void;
type Listener = (...args: unknown[]) => void;

/** y-protocols' first byte: 0 is sync step 1 (opening a document), 1 (step 2) and 2 (update) carry changes. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

/** An update message holding the empty update: a request to confirm. */
function isConfirmationRequest(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  return decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate && isEmptyUpdate(decoding.readVarUint8Array(decoder));
}

function encode(write: (encoder: encoding.Encoder) => void): string {
  const encoder = encoding.createEncoder();
  write(encoder);
  return toBase64(encoding.toUint8Array(encoder));
}

export interface FakeRoomSocket {
  socket: RoomSocket;
  /** Delivers a server push to the client's listeners. */
  push(event: string, payload: unknown): void;
  /** The client events sent so far, with their payloads. */
  sent: { event: string; payload: unknown }[];
  listenerCount(): number;
}

/** What the server answers to step 1 for an empty document: nothing the client lacks, and its own (empty) state. */
const EMPTY_DOCUMENT_REPLIES = [
  encode((e) => syncProtocol.writeSyncStep2(e, new Y.Doc())),
  encode((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())),
];

/**
 * A connected room socket without a server: every document opens empty, and the client's
 * answer to it (step 2) is stored; a change to one, acknowledged or pushed, is answered with
 * the next of `changeAnswers` (null: stored) and, once they run out, refused as when editing
 * was withdrawn (a refused push with `draft:refused`); an empty update is a request to confirm,
 * answered at once. Other requests are refused with `refusals[event]` or answer `answers[event]`.
 */
export function fakeRoomSocket(
  answers: Record<string, unknown> = {},
  refusals: Record<string, ErrorCodeValue> = {},
  changeAnswers: (ErrorCodeValue | null)[] = [],
): FakeRoomSocket {
  const listeners = new Map<string, Set<Listener>>();
  const sent: { event: string; payload: unknown }[] = [];
  const answer = (event: string, payload: { message?: string }): unknown => {
    const refusal = refusals[event];
    if (refusal) return { ok: false, error: { code: refusal, message: 'refused' } };
    if (event !== ClientEvent.draftSync) return { ok: true, data: answers[event] ?? {} };
    const message = fromBase64(payload.message ?? '');
    if (message[0] === SYNC_STEP_1) return { ok: true, data: { replies: EMPTY_DOCUMENT_REPLIES } };
    const code = message[0] === SYNC_STEP_2 || isConfirmationRequest(message) ? null : nextChangeAnswer();
    return code === null ? { ok: true, data: { replies: [] } } : { ok: false, error: { code, message: 'refused' } };
  };
  const nextChangeAnswer = () => (changeAnswers.length > 0 ? changeAnswers.shift()! : ErrorCode.forbidden);
  const push = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  const socket = {
    connected: true,
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
    emit(event: string, payload: { document: string }) {
      sent.push({ event, payload });
      if (event !== ClientEvent.draftPush) return;
      const code = nextChangeAnswer();
      if (code !== null) queueMicrotask(() => push(ServerEvent.draftRefused, { document: payload.document, error: { code, message: 'refused' } }));
    },
    timeout: () => ({
      emit(event: string, payload: { message?: string }, ack: Ack) {
        sent.push({ event, payload });
        queueMicrotask(() => ack(null, answer(event, payload)));
      },
    }),
  };
  return {
    socket: socket as unknown as RoomSocket,
    push,
    sent,
    listenerCount: () => [...listeners.values()].reduce((count, set) => count + set.size, 0),
  };
}
