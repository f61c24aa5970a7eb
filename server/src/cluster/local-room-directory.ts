import type { NodeStatus } from './node-status.js';
import type { RoomDirectory } from './room-directory.js';

/** One node alone: it hosts every room. */
export class LocalRoomDirectory implements RoomDirectory {
  private status: NodeStatus;

  constructor(readonly nodeId: string) {
    this.status = { id: nodeId, url: '', rooms: 0, consumers: 0, draining: false };
  }

  async homeOf(): Promise<NodeStatus> {
    return this.status;
  }

  async renew(): Promise<string[]> {
    return [];
  }

  async release(): Promise<void> {}

  async forget(): Promise<void> {}

  async announce(status: NodeStatus): Promise<void> {
    this.status = status;
  }

  async nodes(): Promise<NodeStatus[]> {
    return [this.status];
  }

  reachable(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
