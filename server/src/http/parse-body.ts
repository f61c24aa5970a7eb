import type { z } from 'zod';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

/** Validates a REST body against its schema from shared/. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new AppError(ErrorCode.validationFailed, message);
  }
  return parsed.data;
}
