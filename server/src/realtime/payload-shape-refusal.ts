import { BINARY_PAYLOAD_FIELDS, ErrorCode, MAX_PAYLOAD_DEPTH, MAX_PAYLOAD_VALUES, type ClientEventName } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

const isBinary = (value: unknown) => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

/**
 * Why a client event's payload is refused before its schema reads it, or null: an object
 * at the top, no deeper than MAX_PAYLOAD_DEPTH, no more than MAX_PAYLOAD_VALUES values in
 * all, binary data only where the event carries it (BINARY_PAYLOAD_FIELDS). Each check is
 * cheap and bounded, and keeps the schema from work (and a refusal) that grows with
 * whatever a client sends.
 */
export function payloadShapeRefusal(event: ClientEventName, payload: unknown): AppError | null {
  if (payload === undefined) return null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || isBinary(payload)) {
    return new AppError(ErrorCode.validationFailed, 'payload: expected an object');
  }
  const binaryFields = BINARY_PAYLOAD_FIELDS[event] ?? [];
  const pending: { value: unknown; depth: number; field: string | null }[] = [{ value: payload, depth: 1, field: null }];
  let values = 0;
  while (pending.length > 0) {
    const { value, depth, field } = pending.pop()!;
    if (isBinary(value)) {
      if (depth === 2 && field !== null && binaryFields.includes(field)) continue;
      return new AppError(ErrorCode.validationFailed, `${field ?? 'payload'}: binary data is not expected here`);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_PAYLOAD_DEPTH) return new AppError(ErrorCode.validationFailed, `payload: nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    for (const [key, child] of Object.entries(value)) {
      if (++values > MAX_PAYLOAD_VALUES) return new AppError(ErrorCode.validationFailed, `payload: more than ${MAX_PAYLOAD_VALUES} values`);
      pending.push({ value: child, depth: depth + 1, field: depth === 1 ? key : field });
    }
  }
  return null;
}
