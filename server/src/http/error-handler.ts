import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '@mediation/shared';
import { AppError, toErrorBody } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { requestErrorAnswer } from './request-error-answer.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.validationFailed]: 400,
  [ErrorCode.unauthenticated]: 401,
  [ErrorCode.invalidCredentials]: 401,
  [ErrorCode.accountDisabled]: 403,
  // A join link that is missing, damaged, expired, withdrawn or for another room.
  [ErrorCode.tokenMissing]: 401,
  [ErrorCode.tokenMalformed]: 401,
  [ErrorCode.tokenExpired]: 401,
  [ErrorCode.tokenBadSignature]: 401,
  [ErrorCode.tokenWrongRoom]: 401,
  [ErrorCode.tokenRevoked]: 401,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
  [ErrorCode.conflict]: 409,
  [ErrorCode.payloadTooLarge]: 413,
  [ErrorCode.rateLimited]: 429,
};

/**
 * Turns any error into `{code, message}` JSON. An error the server did not mean to show
 * becomes INTERNAL with a fixed message and a correlation id; the same id is on the log
 * line that carries the error itself, stack and all.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    const answer = error instanceof AppError ? { status: STATUS[error.code] ?? 400, body: error.toBody() } : requestErrorAnswer(error);
    if (!answer) {
      const correlationId = randomUUID();
      logger.error({ err: error, correlationId, method: req.method, path: req.path }, 'request failed');
      if (!res.headersSent) res.status(500).json(toErrorBody(error, correlationId));
    } else if (!res.headersSent) {
      res.status(answer.status).json(answer.body);
    }
    // Part of the answer was out already: only Express can end the connection now.
    if (res.headersSent && !res.writableEnded) next(error);
  };
}
