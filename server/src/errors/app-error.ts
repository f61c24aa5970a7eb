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

/**
 * What a client may see of any error: AppErrors as they are, anything else as INTERNAL
 * with the correlation id under which the log keeps the rest.
 */
export function toErrorBody(error: unknown, correlationId?: string): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  return { code: ErrorCode.internal, message: 'Something went wrong on the server.', ...(correlationId && { correlationId }) };
}
