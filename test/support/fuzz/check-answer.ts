import { ErrorCode } from '@mediation/shared';

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** What a message meant for a client must never show: stack frames, error class names, paths. */
const LEAK_PATTERNS: RegExp[] = [
  /\bat \S+ \(/,
  /\.(ts|js|mjs|cjs):\d+/,
  /node:internal/,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError)\b/,
  /Cannot read propert/,
  /is not a function/,
  /is not iterable/,
  /Maximum call stack/,
  /SQLITE_/,
  /\bE(NOENT|ACCES|PIPE|CONNRESET)\b/,
  /node_modules/,
  /\/(work|tmp|home|root|usr)\//,
];

/** An error message longer than this repeats the input back rather than describing the problem. */
export const MAX_ERROR_MESSAGE_LENGTH = 4096;

/** The first internal detail a text gives away, or null. */
export function leakIn(text: string): string | null {
  for (const pattern of LEAK_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
}

/**
 * What is wrong with an acknowledgement, or null: it must be `{ok: true, data}` or
 * `{ok: false, error: {code, message}}` with a code of ErrorCode and a message that gives
 * nothing of the server away.
 */
export function answerProblem(answer: unknown): string | null {
  if (answer === null || typeof answer !== 'object') return `not an acknowledgement: ${String(answer).slice(0, 80)}`;
  const { ok, error } = answer as { ok?: unknown; error?: unknown };
  if (ok === true) return null;
  if (ok !== false) return 'an acknowledgement without ok: true or ok: false';
  return errorBodyProblem(error);
}

/** The same for an error body alone (draft:refused, a refused handshake, a REST error). */
export function errorBodyProblem(error: unknown): string | null {
  if (error === null || typeof error !== 'object') return 'a refusal without an error body';
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !KNOWN_CODES.has(code)) return `a refusal with a code that is not in ErrorCode: ${JSON.stringify(code)}`;
  if (typeof message !== 'string') return `a ${code} refusal without a message`;
  const leak = leakIn(message);
  if (leak) return `a ${code} refusal whose message shows internals (${leak}): ${message.slice(0, 160)}`;
  if (message.length > MAX_ERROR_MESSAGE_LENGTH) return `a ${code} refusal with a ${message.length}-character message`;
  return null;
}

/** The code of an acknowledgement: `ok`, an error code, or `malformed`. */
export function answerCode(answer: unknown): string {
  if (answer === null || typeof answer !== 'object') return 'malformed';
  const { ok, error } = answer as { ok?: unknown; error?: { code?: unknown } };
  if (ok === true) return 'ok';
  return typeof error?.code === 'string' ? error.code : 'malformed';
}
