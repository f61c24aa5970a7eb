import { ErrorCode } from '@mediation/shared';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CodedError, isKnownErrorCode } from '../errors/coded-error';

const REQUEST_TIMEOUT_MS = 15_000;

interface JsonRequest {
  method?: 'GET' | 'POST';
  body?: unknown;
}

/**
 * Calls the same-origin REST API with the session cookie. Resolves with the parsed JSON body
 * (undefined for 204) and rejects with a CodedError carrying the server's error code.
 */
export async function requestJson<T>(path: string, { method = 'GET', body }: JsonRequest = {}): Promise<T> {
  const response = await send(path, method, body);
  if (response.status === 204) return undefined as T;
  // A proxy's error page is not JSON; the status alone decides then.
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  throw errorFromBody(response.status, payload);
}

async function send(path: string, method: string, body: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new CodedError(ClientErrorCode.requestTimeout, `${method} ${path} timed out`);
    }
    throw new CodedError(ClientErrorCode.networkError, `${method} ${path} failed: ${String(error)}`);
  }
}

/** The CodedError of a failed REST answer: the code in its body, or one read from its status. */
export function errorFromBody(status: number, payload: unknown): CodedError {
  const code = (payload as { code?: unknown } | undefined)?.code;
  const message = (payload as { message?: unknown } | undefined)?.message;
  if (isKnownErrorCode(code)) return new CodedError(code, typeof message === 'string' ? message : `HTTP ${status}`);
  if (status === 401) return new CodedError(ErrorCode.unauthenticated, 'HTTP 401');
  return new CodedError(status >= 500 ? ErrorCode.internal : ClientErrorCode.unexpectedResponse, `HTTP ${status}`);
}
