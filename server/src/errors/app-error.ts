import { ErrorCode, type ErrorBody } from '@mediation/shared';

/** An error meant for the client: a code from shared/ and a human message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** The one message a client sees of an error the server did not mean to show. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on the server.';

/**
 * What a client may see of any error: AppErrors as they are, anything else as INTERNAL
 * with a fixed message, never its own text (it may carry paths, SQL or another user's
 * data). `correlationId` names the log line that holds the error itself.
 */
export function toErrorBody(error: unknown, correlationId?: string): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  return { code: ErrorCode.internal, message: INTERNAL_ERROR_MESSAGE, ...(correlationId !== undefined && { correlationId }) };
}
