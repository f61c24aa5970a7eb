import net from 'node:net';
import type { BrowserContext } from 'playwright-core';
import type { TurnServer } from './start-turn-server.js';

/**
 * One page's network, which a test cuts and restores as a phone loses its signal, while every
 * other page stays connected. The page reaches the service through a TCP relay on a port of
 * its own (its signalling) and sends media only through a TURN server of its own (relay-only
 * ICE). Cutting drops the relay's connections and refuses new ones (the page's old connection
 * is gone, as after a switch from Wi-Fi to mobile) and freezes the TURN server (its media stops).
 */
export interface CuttableNetwork {
  /** The service as this page sees it: open the page's link on this origin. */
  origin: string;
  /** Signalling and media both gone. */
  cut(): void;
  /** Media gone, signalling kept: a path that fails under a connection that survives. */
  cutMedia(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function cuttableNetwork(serviceOrigin: string, turn: TurnServer): Promise<CuttableNetwork> {
  const target = new URL(serviceOrigin);
  const open = new Set<net.Socket>();
  let signallingCut = false;
  let mediaCut = false;
  const relay = net.createServer((incoming) => {
    if (signallingCut) {
      incoming.destroy();
      return;
    }
    const outgoing = net.connect(Number(target.port), target.hostname);
    for (const socket of [incoming, outgoing]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    incoming.on('close', () => outgoing.destroy());
    outgoing.on('close', () => incoming.destroy());
    incoming.pipe(outgoing);
    outgoing.pipe(incoming);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as net.AddressInfo;

  const freezeMedia = () => {
    if (!mediaCut) turn.freeze();
    mediaCut = true;
  };
  const network: CuttableNetwork = {
    origin: `http://127.0.0.1:${port}`,
    cut() {
      signallingCut = true;
      for (const socket of open) socket.destroy();
      freezeMedia();
    },
    cutMedia: freezeMedia,
    restore() {
      signallingCut = false;
      if (mediaCut) turn.thaw();
      mediaCut = false;
    },
    async close() {
      network.restore();
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
  return network;
}

/** Makes every peer connection of the context use relayed candidates only, so its media takes the TURN server's path. */
export async function relayOnly(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(configuration?: RTCConfiguration) {
        super({ ...configuration, iceTransportPolicy: 'relay' });
      }
    } as typeof RTCPeerConnection;
  });
}
