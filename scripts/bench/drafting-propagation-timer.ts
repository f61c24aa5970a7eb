import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';

/**
 * Times each change from its author to every other replica. All editors of a side run in
 * one process, so one clock serves both ends: the author notes when it made the change
 * under the change's first struct id (client, clock), and a replica that integrates an
 * update looks up every clock the update covers.
 */
export class PropagationTimer {
  /** client id → first clock of a change → when it was made. */
  private readonly madeAt = new Map<number, Map<number, number>>();
  readonly latencies: number[] = [];
  /** Changes made while recording; each should reach the room's other replicas. */
  changesTimed = 0;

  /** Makes a change on `doc` and, if `timed`, remembers when. */
  change(doc: Y.Doc, edit: () => void, timed: boolean): void {
    const clock = Y.getState(doc.store, doc.clientID);
    const at = performance.now();
    edit();
    if (!timed) return;
    let ofClient = this.madeAt.get(doc.clientID);
    if (!ofClient) this.madeAt.set(doc.clientID, (ofClient = new Map()));
    ofClient.set(clock, at);
    this.changesTimed++;
  }

  /** An update a replica has just integrated (a Y.Doc 'update' event of remote origin). */
  arrived(update: Uint8Array): void {
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const made = this.madeAt.get(client);
      if (!made) continue;
      for (let clock = from.get(client) ?? 0; clock < end; clock++) {
        const at = made.get(clock);
        if (at !== undefined) this.latencies.push(now - at);
      }
    }
  }
}
