/** What each node announces of itself, for placing rooms and for /healthz. */
export interface NodeStatus {
  id: string;
  /** Where the other nodes reach this one's HTTP and Socket.IO (NODE_URL). */
  url: string;
  rooms: number;
  /** Consumers (tracks received) across its rooms: what "least loaded" counts. */
  consumers: number;
  /** Handing its rooms over before it stops: no new room is placed on it. */
  draining: boolean;
}

/**
 * A new room weighs as much as this many consumers until its people are in: a burst of new
 * rooms between two announcements is spread instead of all going to the node that was idlest.
 */
export const NEW_ROOM_WEIGHT = 12;

/** The least-loaded node that takes new rooms, by consumers carried (and rooms just placed). */
export function leastLoaded(nodes: readonly NodeStatus[]): NodeStatus | undefined {
  let best: NodeStatus | undefined;
  const load = (node: NodeStatus) => node.consumers + node.rooms * NEW_ROOM_WEIGHT;
  for (const node of nodes) {
    if (node.draining) continue;
    if (!best || load(node) < load(best) || (load(node) === load(best) && node.id < best.id)) best = node;
  }
  return best;
}
