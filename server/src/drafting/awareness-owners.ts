import * as decoding from 'lib0/decoding';
import {
  ErrorCode,
  MAX_AWARENESS_CLIENTS_PER_SENDER,
  MAX_AWARENESS_STATE_BYTES,
  MAX_AWARENESS_STATES_PER_DOCUMENT,
} from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { DraftingMember } from './drafting-member.js';

/** One entry of a y-protocols awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state's JSON; `null` removes the client's state. */
  state: unknown;
}

/**
 * Who speaks for each awareness client id of one document. The first connection to send a
 * state for an id owns it until it leaves; nobody else may set, move or remove that caret.
 * Each connection owns a few ids at most, and the document a bounded number of states, so
 * no sender can make the server keep (and send to every newcomer) more than a few KB each.
 */
export class AwarenessOwners {
  private readonly ownerOf = new Map<number, DraftingMember>();
  private readonly idsOf = new Map<DraftingMember, Set<number>>();

  /**
   * Reads `update` from `member` and refuses it, changing nothing, unless every entry is the
   * member's own (or a new id within their share), within size, and a caret carries the
   * member's own name. `statesNow` is how many states the document holds.
   */
  admit(member: DraftingMember, update: Uint8Array, statesNow: number): AwarenessEntry[] {
    const entries = readAwarenessUpdate(update);
    const owned = this.idsOf.get(member) ?? new Set<number>();
    const claimed = new Set<number>();
    for (const { clientId, state } of entries) {
      const owner = this.ownerOf.get(clientId);
      if (owner !== undefined && owner !== member) {
        throw new AppError(ErrorCode.forbidden, 'That caret belongs to someone else.');
      }
      if (owner === undefined) {
        if (state === null) throw new AppError(ErrorCode.forbidden, 'Only the owner of a caret removes it.');
        claimed.add(clientId);
      }
      if (state !== null) checkState(state, member.name);
    }
    if (owned.size + claimed.size > MAX_AWARENESS_CLIENTS_PER_SENDER) {
      throw new AppError(ErrorCode.forbidden, `A connection speaks for at most ${MAX_AWARENESS_CLIENTS_PER_SENDER} carets.`);
    }
    if (statesNow + claimed.size > MAX_AWARENESS_STATES_PER_DOCUMENT) {
      throw new AppError(ErrorCode.forbidden, `A document shows at most ${MAX_AWARENESS_STATES_PER_DOCUMENT} carets.`);
    }
    for (const clientId of claimed) {
      this.ownerOf.set(clientId, member);
      owned.add(clientId);
    }
    this.idsOf.set(member, owned);
    return entries;
  }

  /** Forgets the member's ids and returns them, so their states can be removed. */
  release(member: DraftingMember): number[] {
    const owned = [...(this.idsOf.get(member) ?? [])];
    this.idsOf.delete(member);
    for (const clientId of owned) this.ownerOf.delete(clientId);
    return owned;
  }
}

/** Reads a y-protocols awareness update: a count, then client id, clock and JSON state of each. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_AWARENESS_CLIENTS_PER_SENDER) {
      throw new AppError(ErrorCode.draftUpdateInvalid, `An awareness update names at most ${MAX_AWARENESS_CLIENTS_PER_SENDER} clients.`);
    }
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > MAX_AWARENESS_STATE_BYTES) {
        throw new AppError(ErrorCode.draftUpdateInvalid, `An awareness state is at most ${MAX_AWARENESS_STATE_BYTES} bytes.`);
      }
      entries.push({ clientId, clock, state: JSON.parse(json) as unknown });
    }
    if (decoding.hasContent(decoder)) throw new AppError(ErrorCode.draftUpdateInvalid, 'Bytes after the awareness update.');
    return entries;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.draftUpdateInvalid, 'Not a y-protocols awareness update.');
  }
}

/** The names beside carets are what people trust to know who is typing. */
function checkState(state: unknown, senderName: string): void {
  if (typeof state !== 'object' || Array.isArray(state)) {
    throw new AppError(ErrorCode.draftUpdateInvalid, 'An awareness state is a JSON object.');
  }
  const user = (state as { user?: unknown }).user;
  if (user === undefined) return;
  if (typeof user !== 'object' || user === null || (user as { name?: unknown }).name !== senderName) {
    throw new AppError(ErrorCode.forbidden, 'A caret carries the name of the person it belongs to.');
  }
}
