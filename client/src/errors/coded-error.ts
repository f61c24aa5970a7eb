import { ErrorCode } from '@mediation/shared';
import { ClientErrorCode } from './client-error-codes';

export type AnyErrorCode = ErrorCode | ClientErrorCode;

const knownCodes = new Set<string>([...Object.values(ErrorCode), ...Object.values(ClientErrorCode)]);

export function isKnownErrorCode(code: unknown): code is AnyErrorCode {
  return typeof code === 'string' && knownCodes.has(code);
}

/** An error with a code the UI can translate; the message is for logs, not people. */
export class CodedError extends Error {
  override readonly name = 'CodedError';

  constructor(
    readonly code: AnyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The code to show for any thrown value; unknown failures read as internal. */
export function errorCodeOf(error: unknown): AnyErrorCode {
  return error instanceof CodedError ? error.code : ErrorCode.internal;
}
