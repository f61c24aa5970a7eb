import { randomUUID } from 'node:crypto';
import type { ErrorBody } from '@mediation/shared';
import type { Logger } from '../logging/logger.js';
import { AppError, toErrorBody } from './app-error.js';

/**
 * The body of an error for a client. An unexpected one is logged in full under a new
 * correlation id, and the client gets INTERNAL with that id and nothing of the error's text.
 */
export function errorBodyLogged(error: unknown, logger: Pick<Logger, 'error'>, context: Record<string, unknown> = {}): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  const correlationId = randomUUID();
  logger.error({ ...context, err: error, correlationId }, 'unexpected error');
  return toErrorBody(error, correlationId);
}
