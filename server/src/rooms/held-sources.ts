import type { HeldSource } from '@mediation/shared';

/**
 * What the mediator has muted of each person, by participant rather than by connection:
 * a reload does not unmute anyone.
 */
export class HeldSources {
  private readonly held = new Map<string, Set<HeldSource>>();

  of(participantId: string): HeldSource[] {
    return [...(this.held.get(participantId) ?? [])].sort();
  }

  isHeld(participantId: string, source: string): boolean {
    return this.held.get(participantId)?.has(source as HeldSource) ?? false;
  }

  /** Returns false when it was held already. */
  hold(participantId: string, source: HeldSource): boolean {
    const sources = this.held.get(participantId) ?? new Set<HeldSource>();
    if (sources.has(source)) return false;
    sources.add(source);
    this.held.set(participantId, sources);
    return true;
  }

  /** Returns false when it was not held. */
  release(participantId: string, source: HeldSource): boolean {
    const sources = this.held.get(participantId);
    if (!sources?.delete(source)) return false;
    if (sources.size === 0) this.held.delete(participantId);
    return true;
  }

  get isEmpty(): boolean {
    return this.held.size === 0;
  }

  /** What is held of whom, as plain data (kept for the node that takes the room over). */
  snapshot(): Record<string, HeldSource[]> {
    return Object.fromEntries([...this.held.keys()].map((participantId) => [participantId, this.of(participantId)]));
  }

  restore(snapshot: Record<string, HeldSource[]>): void {
    this.held.clear();
    for (const [participantId, sources] of Object.entries(snapshot)) this.held.set(participantId, new Set(sources));
  }

  clear(): void {
    this.held.clear();
  }
}
