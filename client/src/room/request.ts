import type { Ack, ClientEventResults, ClientPayloadsSent } from '@mediation/shared';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CodedError, isKnownErrorCode } from '../errors/coded-error';
import type { RoomSocket } from './room-socket';

const REQUEST_TIMEOUT_MS = 10_000;

type ClientEventName = keyof ClientPayloadsSent;

/**
 * Emits a client event and resolves with its acknowledgement's data. Rejects with a CodedError
 * carrying the server's code when the ack is not ok, or REQUEST_TIMEOUT when none arrives.
 */
export function request<E extends ClientEventName>(
  socket: RoomSocket,
  event: E,
  payload: ClientPayloadsSent[E],
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<ClientEventResults[E]> {
  return new Promise((resolve, reject) => {
    const onAck = (timeoutError: Error | null, response: Ack<ClientEventResults[E]>): void => {
      if (timeoutError) {
        reject(new CodedError(ClientErrorCode.requestTimeout, `${event}: no acknowledgement within ${timeoutMs} ms`));
      } else if (typeof response !== 'object' || response === null || typeof response.ok !== 'boolean') {
        reject(new CodedError(ClientErrorCode.unexpectedResponse, `${event}: malformed acknowledgement`));
      } else if (response.ok) {
        resolve(response.data);
      } else {
        const code = isKnownErrorCode(response.error?.code) ? response.error.code : ClientErrorCode.unexpectedResponse;
        reject(new CodedError(code, `${event}: ${response.error?.message ?? 'refused'}`));
      }
    };
    // Socket.IO's typed emit cannot follow a generic event name to its payload; the signature above does.
    const timedSocket = socket.timeout(timeoutMs) as unknown as {
      emit(name: E, body: ClientPayloadsSent[E], ack: typeof onAck): void;
    };
    timedSocket.emit(event, payload, onAck);
  });
}
