/**
 * Whom the mediator lets share their screen, by participant rather than by connection: a
 * reload keeps the leave (though not the share itself, which ends with its connection).
 */
export class ScreenSharePermits {
  private readonly allowed = new Set<string>();

  has(participantId: string): boolean {
    return this.allowed.has(participantId);
  }

  /** Returns false when the person was allowed already. */
  allow(participantId: string): boolean {
    if (this.allowed.has(participantId)) return false;
    this.allowed.add(participantId);
    return true;
  }

  /** Returns false when the person was not allowed. */
  withdraw(participantId: string): boolean {
    return this.allowed.delete(participantId);
  }

  get isEmpty(): boolean {
    return this.allowed.size === 0;
  }

  snapshot(): string[] {
    return [...this.allowed];
  }

  restore(snapshot: readonly string[]): void {
    this.allowed.clear();
    for (const participantId of snapshot) this.allowed.add(participantId);
  }

  clear(): void {
    this.allowed.clear();
  }
}
