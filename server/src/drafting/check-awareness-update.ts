import * as decoding from 'lib0/decoding';
import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

/**
 * Reads a y-protocols awareness update (count, then client id, clock and JSON state each)
 * and refuses one whose caret would carry another name than its sender's: the names beside
 * carets are what people trust to know who is typing.
 */
export function checkAwarenessUpdate(update: Uint8Array, senderName: string): void {
  let states: unknown[];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    states = [];
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder); // client id
      decoding.readVarUint(decoder); // clock
      states.push(JSON.parse(decoding.readVarString(decoder)));
    }
  } catch {
    throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a y-protocols awareness update.');
  }
  for (const state of states) {
    const user = typeof state === 'object' && state !== null ? (state as { user?: { name?: unknown } }).user : undefined;
    if (user !== undefined && user?.name !== senderName) {
      throw new AppError(ErrorCode.forbidden, 'A caret carries the name of the person it belongs to.');
    }
  }
}
