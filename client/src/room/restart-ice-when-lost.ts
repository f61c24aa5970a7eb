import { ClientEvent } from '@mediation/shared';
import type { types as mediasoupTypes } from 'mediasoup-client';
import { request } from './request';
import type { RoomSocket } from './room-socket';

/** A path that stays `disconnected` this long (Wi-Fi to mobile, say) is looked for anew. */
const DISCONNECTED_GRACE_MS = 2_000;
/**
 * A restart made while the network was still gone checks ever more slowly; restarting again
 * this often until connected finds the path soon after the network is back.
 */
const RESTART_RETRY_MS = 2_500;
/** After this many restarts in a row the socket's own reconnection is left to rebuild everything. */
const MAX_RESTARTS = 8;

/**
 * When a transport loses its path (ICE `failed`, or `disconnected` for a moment), asks the
 * server for new ICE credentials and restarts ICE with them: the transport, its producers
 * and consumers stay, and media resumes on whatever network the device has now. Until the
 * transport is connected again it restarts every RESTART_RETRY_MS.
 */
export function restartIceWhenLost(socket: RoomSocket, transport: mediasoupTypes.Transport): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;
  let restarts = 0;
  let state: mediasoupTypes.ConnectionState = 'new';
  // Read afresh after each await: the state changes meanwhile.
  const connected = (): boolean => state === 'connected';

  const schedule = (delayMs: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void restart(), delayMs);
  };

  const restart = async (): Promise<void> => {
    if (restarting || transport.closed || connected() || restarts >= MAX_RESTARTS) return;
    restarting = true;
    restarts++;
    try {
      if (!socket.connected) return; // The socket's reconnection rebuilds everything instead.
      const { iceParameters } = await request(socket, ClientEvent.restartIce, { transportId: transport.id });
      if (!transport.closed) await transport.restartIce({ iceParameters: iceParameters as mediasoupTypes.IceParameters });
    } catch (error) {
      console.warn('restarting ICE failed', error);
    } finally {
      restarting = false;
      if (!connected() && !transport.closed) schedule(RESTART_RETRY_MS);
    }
  };

  transport.on('connectionstatechange', (next) => {
    state = next;
    if (next === 'connected' || next === 'closed') {
      clearTimeout(timer);
      restarts = 0;
    } else if (next === 'failed') {
      clearTimeout(timer);
      void restart();
    } else if (next === 'disconnected' && !restarting) {
      schedule(DISCONNECTED_GRACE_MS);
    }
  });
}
