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
    const issues = parsed.error.issues.slice(0, MAX_ISSUES_SHOWN);
    const message = issues.map((i) => shorten(`${i.path.join('.') || subject}: ${i.message}`)).join('; ');
    const more = parsed.error.issues.length - issues.length;
    throw new AppError(ErrorCode.validationFailed, more > 0 ? `${message}; and ${more} more` : message);
  }
  return parsed.data;
}

/** A refusal names this many problems at most, each in at most MAX_ISSUE_LENGTH characters: it never grows with the input. */
const MAX_ISSUES_SHOWN = 5;
const MAX_ISSUE_LENGTH = 200;

function shorten(text: string): string {
  return text.length <= MAX_ISSUE_LENGTH ? text : `${text.slice(0, MAX_ISSUE_LENGTH - 1)}…`;
}
