import { ClientEvent } from '@mediation/shared';
import type { types as mediasoupTypes } from 'mediasoup-client';
import { request } from './request';
import type { RoomSocket } from './room-socket';

/** A path that stays `disconnected` this long (Wi-Fi to mobile, say) is looked for anew. */
const DISCONNECTED_GRACE_MS = 2_000;

/**
 * When a transport loses its path (ICE `failed`, or `disconnected` for a moment), asks the
 * server for new ICE credentials and restarts ICE with them: the transport, its producers
 * and consumers stay, and media resumes on whatever network the device has now.
 */
export function restartIceWhenLost(socket: RoomSocket, transport: mediasoupTypes.Transport): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;

  const restart = async (): Promise<void> => {
    if (restarting || transport.closed || !socket.connected) return;
    restarting = true;
    try {
      const { iceParameters } = await request(socket, ClientEvent.restartIce, { transportId: transport.id });
      if (!transport.closed) await transport.restartIce({ iceParameters: iceParameters as mediasoupTypes.IceParameters });
    } catch (error) {
      // The socket's own reconnection rebuilds everything if this did not help.
      console.warn('restarting ICE failed', error);
    } finally {
      restarting = false;
    }
  };

  transport.on('connectionstatechange', (state) => {
    clearTimeout(timer);
    if (state === 'failed') void restart();
    else if (state === 'disconnected') timer = setTimeout(() => void restart(), DISCONNECTED_GRACE_MS);
  });
}
