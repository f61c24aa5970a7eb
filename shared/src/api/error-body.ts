import { z } from 'zod';
import { ErrorCode, type ErrorBody } from '../protocol/error-codes.js';

const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/** Every refusal of the REST API, as the OpenAPI document describes it: the ErrorBody of error-codes.ts. */
export const ErrorBodySchema = z
  .object({
    code: z.enum(ERROR_CODES).meta({ description: 'What went wrong, as a constant a program can act on.' }),
    message: z.string().meta({ description: 'What went wrong, for a person (English).' }),
    correlationId: z.string().optional().meta({ description: 'INTERNAL only: names the server’s log line of the error, for the operator.' }),
  })
  .meta({ id: 'ErrorBody', description: 'Every error answer: a code and a human message, never a stack trace.' });

// The schema describes the body the server sends: the compiler keeps the two the same.
const _sameAsErrorBody: [z.infer<typeof ErrorBodySchema>, ErrorBody] extends [ErrorBody, z.infer<typeof ErrorBodySchema>] ? true : never = true;
void _sameAsErrorBody;
