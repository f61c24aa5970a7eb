/**
 * A key's last use is written at most this often: enough for an administrator to tell a
 * key in use from a forgotten one, without a write for every request.
 */
export const API_KEY_USE_RECORDED_EVERY_MS = 60_000;

/** When each key's use was last written, in bounded memory (the least recently written is forgotten first). */
export class ApiKeyUse {
  /** In order of last write, the oldest first. */
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** Whether a use of `keyId` at `now` is to be written; if so, it counts as written. */
  due(keyId: string, now: number): boolean {
    const last = this.writtenAt.get(keyId);
    if (last !== undefined && now - last < API_KEY_USE_RECORDED_EVERY_MS) return false;
    this.writtenAt.delete(keyId);
    if (this.writtenAt.size >= this.capacity) this.writtenAt.delete(this.writtenAt.keys().next().value!);
    this.writtenAt.set(keyId, now);
    return true;
  }
}
