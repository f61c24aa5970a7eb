import type { Server } from 'socket.io';
import type { SendToGroup } from '../drafting/drafting-member.js';

/**
 * Sends to a group as a Socket.IO room: the message is encoded, and its WebSocket frame
 * built, once for everyone in it rather than once per connection.
 */
export function sendToRoom(io: () => Server): SendToGroup {
  return (group, except, event, ...args) => {
    const room = io().to(group);
    (except ? room.except(except.connectionId) : room).emit(event, ...(args as unknown[]));
  };
}
