import { ErrorCode, fromBase64, type ErrorCode as ErrorCodeValue } from '@mediation/shared';
import type { RoomSocket } from '../../src/room/room-socket';

type Ack = (timeoutError: Error | null, response?: unknown) => void;
type Listener = (...args: unknown[]) => void;

/** y-protocols' first byte: 0 is sync step 1 (opening a document), 1 and 2 carry changes. */
const SYNC_STEP_1 = 0;

export interface FakeRoomSocket {
  socket: RoomSocket;
  /** Delivers a server push to the client's listeners. */
  push(event: string, payload: unknown): void;
  /** The client events sent so far, with their payloads. */
  sent: { event: string; payload: unknown }[];
  listenerCount(): number;
}

/**
 * A connected room socket without a server: every document opens empty; a change to one is
 * answered with the next of `changeAnswers` (null: stored) and, once they run out, refused as
 * when editing was withdrawn; other requests are refused with `refusals[event]` or answer
 * `answers[event]`.
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
    if (event !== 'draft:sync') return { ok: true, data: answers[event] ?? {} };
    if (payload.message !== undefined && fromBase64(payload.message)[0] === SYNC_STEP_1) return { ok: true, data: { replies: [] } };
    const code = changeAnswers.length > 0 ? changeAnswers.shift()! : ErrorCode.forbidden;
    return code === null ? { ok: true, data: { replies: [] } } : { ok: false, error: { code, message: 'refused' } };
  };
  const socket = {
    connected: true,
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
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
    push: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    sent,
    listenerCount: () => [...listeners.values()].reduce((count, set) => count + set.size, 0),
  };
}
