/** Every Redis key the service uses, in one place. */
const PREFIX = 'mediation:';

export const ClusterKeys = {
  /** The node hosting a room, as a lease: the node's id, expiring unless the node renews it. */
  roomHome: (roomId: string) => `${PREFIX}room-home:${roomId}`,
  /** A node's status (JSON), expiring unless the node announces itself again: a node whose key is gone is gone. */
  node: (nodeId: string) => `${PREFIX}node:${nodeId}`,
  /** The ids of the nodes that announced themselves; each counts only while its `node` key lives. */
  nodes: `${PREFIX}nodes`,
  /** A room's door (who was let in, the lock, the spaces), for the node that takes the room over. */
  roomDoor: (roomId: string) => `${PREFIX}room-door:${roomId}`,
  /** The stream the Socket.IO Redis Streams adapter carries messages between nodes on. */
  socketStream: `${PREFIX}socket.io`,
} as const;
