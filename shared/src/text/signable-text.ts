import type { z } from 'zod';
import { BIDI_CONTROL_MESSAGE, containsBidiControl } from './bidi-controls.js';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A zod string schema for free text that ends up signed, hashed or sealed (names, titles,
 * comments, version names): well-formed Unicode (JSON can carry a lone surrogate, which no
 * canonical form or hash may hold) and no bidirectional control characters.
 */
export function signableText<Schema extends z.ZodType<string>>(schema: Schema) {
  return schema
    .refine((text) => !LONE_SURROGATE.test(text), { message: 'must be well-formed Unicode text (it holds a lone surrogate)' })
    .refine((text) => !containsBidiControl(text), { message: BIDI_CONTROL_MESSAGE });
}
