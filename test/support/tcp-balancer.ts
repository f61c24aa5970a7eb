import net from 'node:net';

export interface TcpBalancer {
  url: string;
  close(): Promise<void>;
}

/**
 * A load balancer as an operator puts in front of several nodes (nginx's `upstream` without
 * stickiness): each new TCP connection goes to the next node in turn, and a node that refuses
 * the connection (it died) is skipped. What a test's clients reconnect through after a node dies.
 */
export async function startTcpBalancer(ports: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const open = new Set<net.Socket>();
  const connectTo = (client: net.Socket, attempt: number) => {
    if (attempt >= ports.length) {
      client.destroy();
      return;
    }
    const port = ports[next++ % ports.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    open.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
    });
    upstream.on('error', () => undefined);
    upstream.once('close', () => {
      open.delete(upstream);
      // Refused: the next node is tried; once connected, either side closing closes the other.
      if (connected) client.destroy();
      else connectTo(client, attempt + 1);
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    connectTo(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
