import { RawConnection } from './raw-connection.js';

export type HandshakeOutcome =
  | { kind: 'accepted' }
  | { kind: 'refused'; namespace: string; error: unknown }
  /** The server closed the connection without a connect or connect-error packet. */
  | { kind: 'closed' }
  | { kind: 'timeout' };

const CONNECT = 0;
const CONNECT_ERROR = 4;

/** Opens a fresh connection, sends `40` + `connectPacket` and reports whether the server let it in. */
export async function probeHandshake(baseUrl: string, connectPacket: string, timeoutMs: number): Promise<HandshakeOutcome> {
  const connection = await RawConnection.connect(baseUrl);
  try {
    const answer = connection.waitFor((packet) => packet.type === CONNECT || packet.type === CONNECT_ERROR, timeoutMs);
    connection.send(`40${connectPacket}`);
    const packet = await answer;
    if (!packet) return connection.isOpen ? { kind: 'timeout' } : { kind: 'closed' };
    if (packet.type === CONNECT) return { kind: 'accepted' };
    return { kind: 'refused', namespace: packet.namespace, error: packet.data };
  } finally {
    connection.close();
  }
}
