import type { z } from 'zod';
import { ErrorCode } from '@mediation/shared';
import { AppError } from './app-error.js';

/**
 * Validates input from a client against its schema from shared/; a mismatch is a
 * VALIDATION_FAILED naming each field, as `subject` when the whole input is wrong.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || subject}: ${i.message}`).join('; ');
    throw new AppError(ErrorCode.validationFailed, message);
  }
  return parsed.data;
}
