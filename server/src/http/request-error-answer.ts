import { ErrorCode, type ErrorBody } from '@mediation/shared';

export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
}

/** What Express, its router and its body parsers attach to an error about the request itself. */
interface RequestError {
  status?: unknown;
  statusCode?: unknown;
  /** body-parser's kind of failure, e.g. `entity.too.large`. */
  type?: unknown;
}

/**
 * body-parser's failures, each with a fixed message: theirs quote the request back (a
 * charset name, the JSON parser's excerpt of the body), and nothing a client sent is
 * echoed in an answer.
 */
const BODY_ERRORS: Record<string, ErrorAnswer> = {
  'entity.parse.failed': answer(400, ErrorCode.validationFailed, 'The request body is not valid JSON.'),
  'entity.too.large': answer(413, ErrorCode.payloadTooLarge, 'The request body is larger than this endpoint accepts.'),
  'parameters.too.many': answer(413, ErrorCode.payloadTooLarge, 'The request body has too many parameters.'),
  'charset.unsupported': answer(415, ErrorCode.validationFailed, 'The request body’s character set is not supported; send UTF-8.'),
  'encoding.unsupported': answer(415, ErrorCode.validationFailed, 'The request body’s content encoding is not supported.'),
  'request.aborted': answer(400, ErrorCode.validationFailed, 'The request was aborted before its body arrived.'),
  'request.size.invalid': answer(400, ErrorCode.validationFailed, 'The request body’s length does not match its Content-Length.'),
};

/** The router's error for a path that is not valid percent-encoding (its message quotes the path). */
const UNDECODABLE_PATH = answer(400, ErrorCode.validationFailed, 'The address is not valid percent-encoding.');

/**
 * The answer to an error about the request itself (a 4xx raised by Express, its router or
 * a body parser), or undefined for anything else, which is the server's own failure.
 */
export function requestErrorAnswer(error: unknown): ErrorAnswer | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, type } = error as RequestError;
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  if (code === undefined || code < 400 || code >= 500) return undefined;
  if (typeof type === 'string' && type in BODY_ERRORS) return BODY_ERRORS[type];
  if (error instanceof URIError) return UNDECODABLE_PATH;
  if (code === 404) return answer(404, ErrorCode.notFound, 'Nothing is at this address.');
  return answer(code, ErrorCode.validationFailed, 'The request cannot be read.');
}

function answer(status: number, code: ErrorCode, message: string): ErrorAnswer {
  return { status, body: { code, message } };
}
