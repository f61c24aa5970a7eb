import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '@mediation/shared';
import { AppError, toErrorBody } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.validationFailed]: 400,
  [ErrorCode.unauthenticated]: 401,
  [ErrorCode.invalidCredentials]: 401,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
  [ErrorCode.conflict]: 409,
  [ErrorCode.rateLimited]: 429,
};

/** Turns any error into `{code, message}` JSON; stacks stay in the log. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof AppError) {
      res.status(STATUS[error.code] ?? 400).json(error.toBody());
      return;
    }
    // Body-parser errors (bad JSON, too large) carry a 4xx status of their own.
    const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'request failed');
    const body = status === 500 ? toErrorBody(error) : { code: ErrorCode.validationFailed, message: String(error.message) };
    res.status(status).json(body);
  };
}
