import { ClientEvent, ErrorCode } from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../src/errors/client-error-codes';
import { CodedError } from '../src/errors/coded-error';
import { request } from '../src/room/request';
import type { RoomSocket } from '../src/room/room-socket';

type AckCallback = (timeoutError: Error | null, response?: unknown) => void;

/** A socket whose acknowledgement is decided by the test. */
function socketAnswering(answer: (ack: AckCallback) => void): { socket: RoomSocket; sent: unknown[] } {
  const sent: unknown[] = [];
  const socket = {
    timeout: () => ({
      emit: (event: string, payload: unknown, ack: AckCallback) => {
        sent.push({ event, payload });
        answer(ack);
      },
    }),
  };
  return { socket: socket as unknown as RoomSocket, sent };
}

describe('request', () => {
  it('emits the event with its payload and resolves with the ack data', async () => {
    const { socket, sent } = socketAnswering((ack) => ack(null, { ok: true, data: { producerId: 'p1' } }));
    const payload = { producerId: 'p1', paused: true };
    await expect(request(socket, ClientEvent.setProducerPaused, payload)).resolves.toEqual({ producerId: 'p1' });
    expect(sent).toEqual([{ event: ClientEvent.setProducerPaused, payload }]);
  });

  it('rejects with the server error code when the ack is not ok', async () => {
    const { socket } = socketAnswering((ack) => ack(null, { ok: false, error: { code: ErrorCode.forbidden, message: 'no' } }));
    const failure = request(socket, ClientEvent.leave, {});
    await expect(failure).rejects.toBeInstanceOf(CodedError);
    await expect(failure).rejects.toMatchObject({ code: ErrorCode.forbidden });
  });

  it('rejects with REQUEST_TIMEOUT when no ack arrives in time', async () => {
    const { socket } = socketAnswering((ack) => ack(new Error('operation has timed out')));
    await expect(request(socket, ClientEvent.leave, {})).rejects.toMatchObject({ code: ClientErrorCode.requestTimeout });
  });

  it('rejects a malformed ack instead of trusting it', async () => {
    const { socket } = socketAnswering((ack) => ack(null, 'yes'));
    await expect(request(socket, ClientEvent.leave, {})).rejects.toMatchObject({ code: ClientErrorCode.unexpectedResponse });
  });
});
